using System.Collections.Concurrent;
using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Events;
using Conformance.ReferenceServer.Timers;

namespace Conformance.ReferenceServer;

/// <summary>
/// The parts of a running server that act over time and on their own, around its state (the ADM's
/// <see cref="Server"/>): the timers of 3.3.2 on the server's one clock, the events that start on the
/// server's side (3.3.4.6 oplock and 3.3.4.7 lease breaks), and the record of the server's own failures.
/// </summary>
internal sealed class ServerRuntime : IDisposable
{
    private readonly ConcurrentQueue<ServerFault> faults = new();

    public ServerRuntime(Server server, Action<string>? log = null, Func<Smb2Command, Exception?>? faultInjection = null, Action<Smb2Header>? responseTamper = null)
    {
        ResponseTamper = responseTamper;
        Server = server;
        Log = log;
        FaultInjection = faultInjection;
        OplockBreakAcknowledgmentTimer = new OplockBreakAcknowledgmentTimer(server, log);
        DurableOpenScavengerTimer = new OpenScavengerTimer("durable open scavenger timer", server, open => open.IsDurable ? open.DurableOpenScavengerTimeout : null, log);
        ResilientOpenScavengerTimer = new OpenScavengerTimer("resilient open scavenger timer", server, open => open.IsResilient ? open.ResilientOpenTimeout : null, log);
        SessionExpirationTimer = new SessionExpirationTimer(server, log);
        OplockBreaks = new OplockBreakEvent(this);
        LeaseBreaks = new LeaseBreakEvent(this);
        var sink = new ObjectStoreBreakSink(OplockBreaks, LeaseBreaks);
        foreach (var share in server.ShareList.Values)
        {
            share.Files.BreakSink = sink;
        }
    }

    public Server Server { get; }
    public TimeProvider Clock => Server.Clock;
    public Action<string>? Log { get; }

    /// <summary>For tests: an exception to throw in place of a command's handler (the fault path of a request).</summary>
    public Func<Smb2Command, Exception?>? FaultInjection { get; }

    /// <summary>For tests: changes each response header before it is signed and sent (a deliberately wrong server).</summary>
    public Action<Smb2Header>? ResponseTamper { get; }

    public OplockBreakAcknowledgmentTimer OplockBreakAcknowledgmentTimer { get; }
    public OpenScavengerTimer DurableOpenScavengerTimer { get; }
    public OpenScavengerTimer ResilientOpenScavengerTimer { get; }
    public SessionExpirationTimer SessionExpirationTimer { get; }

    /// <summary>3.3.4.6: the object store's oplock breaks, turned into notifications.</summary>
    public OplockBreakEvent OplockBreaks { get; }

    /// <summary>3.3.4.7: the object store's lease breaks, turned into notifications.</summary>
    public LeaseBreakEvent LeaseBreaks { get; }

    /// <summary>Every handler failure so far, oldest first.</summary>
    public IReadOnlyList<ServerFault> Faults => [.. faults];

    /// <summary>Raised for each failure as it is recorded.</summary>
    public event Action<ServerFault>? FaultRecorded;

    public void RecordFault(Connection connection, Smb2Command command, Exception exception)
    {
        var fault = new ServerFault(Clock.GetUtcNow(), connection.ClientName, command.ToString().ToUpperInvariant(), exception.ToString());
        faults.Enqueue(fault);
        Log?.Invoke(fault.ToString());
        FaultRecorded?.Invoke(fault);
    }

    public void Dispose()
    {
        OplockBreakAcknowledgmentTimer.Dispose();
        DurableOpenScavengerTimer.Dispose();
        ResilientOpenScavengerTimer.Dispose();
        SessionExpirationTimer.Dispose();
    }
}
