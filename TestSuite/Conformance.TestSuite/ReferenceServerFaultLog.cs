using System.Collections.Concurrent;
using Conformance.ReferenceServer;
using Conformance.ReferenceServer.Hosting;
using Conformance.Scenarios;

namespace Conformance.TestSuite;

/// <summary>
/// The failures of every reference server this process started (the run's target and its profile
/// targets), by the client end point whose request failed; and, when a log file is named, every line
/// the servers log (their disconnect reasons and failures), written next to the run file.
/// </summary>
public sealed class ReferenceServerFaultLog : IServerFaultLog
{
    private readonly ConcurrentQueue<ServerFault> faults = new();
    private readonly Lock logGate = new();

    /// <summary>The one log of this process: the suite and the bench start their reference servers through it.</summary>
    public static ReferenceServerFaultLog Shared { get; } = new();

    /// <summary>Where the servers' log lines go; null keeps none.</summary>
    public string? LogFile { get; set; }

    /// <summary>Starts watching <paramref name="host"/>'s failures.</summary>
    public void Watch(ReferenceServerHost host) => host.FaultRecorded += faults.Enqueue;

    /// <summary>A log line of a server: appended to <see cref="LogFile"/>.</summary>
    public void Log(string line)
    {
        if (LogFile is not { } path)
        {
            return;
        }
        lock (logGate)
        {
            File.AppendAllText(path, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.ffffffZ} {line}{Environment.NewLine}");
        }
    }

    public IReadOnlyList<string> FaultsOf(IReadOnlyCollection<string> clientEndPoints) =>
        [.. faults.Where(fault => clientEndPoints.Contains(fault.ClientEndPoint)).Select(fault => fault.ToString())];
}
