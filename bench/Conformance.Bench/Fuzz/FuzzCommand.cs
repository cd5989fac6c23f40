using System.Globalization;
using Conformance.Robustness.Fuzzing;

namespace Conformance.Bench.Fuzz;

/// <summary>
/// <c>fuzz [--minutes M | --seconds S] [--executions N] [--seed S] [--workers W] [--corpus DIR] [--run-files DIR]</c>:
/// fuzzes the reference server's frame processing (<see cref="FuzzRun"/>) for a bounded time and
/// count (seeds: the capture corpus, a template session, and with --run-files the request frames of
/// the suite's run files), prints its executions, mutations and findings (each with its frame), and exits 1 when it
/// found anything. Default: 1 minute, 2 workers, seed 1.
/// </summary>
public static class FuzzCommand
{
    public const string Name = "fuzz";
    private const string Usage = "usage: fuzz [--minutes M | --seconds S] [--executions N] [--seed S] [--workers W] [--corpus DIR] [--run-files DIR]";

    public static async Task<int> RunAsync(string[] arguments)
    {
        var options = new FuzzOptions { Progress = line => Console.WriteLine(line) };
        for (var i = 0; i < arguments.Length; i++)
        {
            var value = i + 1 < arguments.Length ? arguments[i + 1] : null;
            double? number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null;
            switch (arguments[i])
            {
                case "--minutes" when number is { } minutes && minutes <= 24 * 60:
                    options = options with { Duration = TimeSpan.FromMinutes(minutes) };
                    break;
                case "--seconds" when number is { } seconds && seconds <= 24 * 3600:
                    options = options with { Duration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--executions" when number is { } executions:
                    options = options with { MaxExecutions = (long)executions };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--workers" when number is { } workers && workers <= 64:
                    options = options with { Workers = (int)workers };
                    break;
                case "--corpus" when value is not null && Directory.Exists(value):
                    options = options with { CaptureDirectory = value };
                    break;
                case "--run-files" when value is not null && Directory.Exists(value):
                    options = options with { RunFileDirectory = value };
                    break;
                default:
                    await Console.Error.WriteLineAsync($"bad argument '{arguments[i]}'\n{Usage}");
                    return 2;
            }
            i++;
        }
        Console.WriteLine($"Fuzzing the reference server for {options.Duration.TotalSeconds:0} s (at most {(options.MaxExecutions == long.MaxValue ? "unbounded" : options.MaxExecutions)} executions), " +
            $"{options.Workers} worker(s), seed {options.Seed}, probe timeout {options.ProbeTimeout.TotalSeconds:0} s; {Environment.ProcessorCount} processor(s).");
        using var bound = new CancellationTokenSource(options.Duration + TimeSpan.FromMinutes(2));
        var report = await FuzzRun.RunAsync(options, bound.Token);
        Console.Write(report);
        return report.Findings.Count == 0 ? 0 : 1;
    }
}
