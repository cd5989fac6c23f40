using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Bench.Targets;

/// <summary>
/// The reference server as a process of its own (the ReferenceServer program built next to this
/// one, on an ephemeral loopback port), so that it is measured like smbd: its own garbage collector
/// and thread pool, its CPU time read from /proc. Disposal kills it and waits (bounded) for it to exit.
/// </summary>
public sealed partial class ReferenceServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(10);

    private readonly Process process;

    private ReferenceServerProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => process.Id;

    /// <summary>Starts the server with its default configuration (share conf, user tester) and waits for its "listening on" line.</summary>
    public static async Task<ReferenceServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var start = StartInfo();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        try
        {
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(StartBound);
            while (true)
            {
                string? line;
                try
                {
                    line = await process.StandardOutput.ReadLineAsync(bound.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new InvalidOperationException($"{start.FileName} did not say where it listens within {StartBound.TotalSeconds:0} s");
                }
                if (line is null)
                {
                    throw new InvalidOperationException($"{start.FileName} ended before listening (exit code {(process.WaitForExit(1000) ? process.ExitCode : -1)})");
                }
                if (ListeningLine().Match(line) is { Success: true } match)
                {
                    return new ReferenceServerProcess(process, int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture));
                }
            }
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            using var bound = new CancellationTokenSource(ExitBound);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"the reference server (pid {process.Id}) did not exit within {ExitBound.TotalSeconds:0} s of being killed");
            }
        }
        process.Dispose();
    }

    /// <summary>The apphost copied next to this program (the bench references the server project), else the same dll through dotnet.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var directory = AppContext.BaseDirectory;
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? "ReferenceServer.exe" : "ReferenceServer");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { "exec", Path.Combine(directory, "ReferenceServer.dll") } };
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    [GeneratedRegex(@"^listening on 127\.0\.0\.1:(\d+)$")]
    private static partial Regex ListeningLine();
}
