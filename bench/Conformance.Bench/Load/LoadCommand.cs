using System.Globalization;
using Conformance.Robustness.Load;

namespace Conformance.Bench.Load;

/// <summary>
/// <c>load [--connections N] [--seconds S] [--seed S]</c>: N connections (up to 256) of mixed
/// CREATE/WRITE/READ/CLOSE/QUERY_INFO and oplock traffic against a reference server started for the
/// run (<see cref="LoadRun"/>), every file read back after; prints operations/s, p50/p99 latency, the
/// statuses met and the bytes lost. Exits 1 on any lost byte or error. Default: 16 connections, 10 s.
/// </summary>
public static class LoadCommand
{
    public const string Name = "load";
    private const string Usage = "usage: load [--connections N (1-256)] [--seconds S] [--seed S]";

    public static async Task<int> RunAsync(string[] arguments)
    {
        var options = new LoadOptions();
        try
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                var value = i + 1 < arguments.Length ? arguments[i + 1] : null;
                var number = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
                options = arguments[i] switch
                {
                    "--connections" when number > 0 => options with { Connections = number },
                    "--seconds" when number is > 0 and <= 3600 => options with { Duration = TimeSpan.FromSeconds(number) },
                    "--seed" when number >= 0 => options with { Seed = number },
                    _ => throw new ArgumentException($"bad argument '{arguments[i]}'"),
                };
                i++;
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }
        Console.WriteLine($"Loading an in-process reference server: {options.Connections} connections for {options.Duration.TotalSeconds:0} s, " +
            $"{options.FilesPerConnection} files of up to {options.FileSize / 1024} KiB each, I/O up to {options.MaxIoSize / 1024} KiB, " +
            $"a shared file per {options.ConnectionsPerSharedFile} connections (batch oplocks, breaks acknowledged); {Environment.ProcessorCount} processor(s).");
        using var bound = new CancellationTokenSource(options.Duration + TimeSpan.FromMinutes(5));
        var report = await LoadRun.RunAsync(options, bound.Token);
        Console.Write(report);
        return report.BytesLost == 0 && report.ErrorCount == 0 ? 0 : 1;
    }
}
