namespace Conformance.Bench.Targets;

/// <summary>
/// Reads the CPU time used so far by this process (client, and the reference server when it runs
/// in-process) and, when the server is another process, by that server.
/// </summary>
public sealed class CpuClock(ServerCpuTime? server)
{
    /// <summary>The out-of-process server's CPU time, or null when the server runs in this process (or cannot be observed).</summary>
    public ServerCpuTime? Server { get; } = server;

    /// <summary>
    /// <see cref="Environment.CpuUsage"/> is the process's user + kernel time (getrusage on Linux, the
    /// same figure as Process.TotalProcessorTime, at microsecond rather than clock-tick resolution).
    /// </summary>
    public CpuSample Sample() => new(Environment.CpuUsage.TotalTime, Server?.Read());
}

/// <summary>CPU time used so far by this process and, if observed, by the server processes.</summary>
public readonly record struct CpuSample(TimeSpan Process, TimeSpan? Server)
{
    /// <summary>CPU time used between two samples.</summary>
    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.Process - before.Process, after.Server is { } a && before.Server is { } b ? a - b : null);
}
