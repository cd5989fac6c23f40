using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Timers;

/// <summary>
/// The oplock break acknowledgment timer (3.3.2.1) and its event (3.3.6.1): started when a break that
/// needs an acknowledgment is sent; when it expires, every open whose break timed out is acknowledged
/// to the object store at none and left with no oplock, so the operations waiting on it go on.
/// </summary>
internal sealed class OplockBreakAcknowledgmentTimer : IDisposable
{
    private readonly Server server;
    private readonly ServerTimer timer;

    public OplockBreakAcknowledgmentTimer(Server server, Action<string>? log)
    {
        this.server = server;
        timer = new ServerTimer("oplock break acknowledgment timer", server.Clock, now => Task.FromResult(Expire(now)), log);
    }

    /// <summary>When the timer expires next (for tests); null while no break is awaited.</summary>
    public DateTimeOffset? Due => timer.Due;

    public void Start(DateTimeOffset oplockTimeout) => timer.StartAt(oplockTimeout);

    private DateTimeOffset? Expire(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var open in server.GlobalOpenTable.Values)
        {
            if (open.OplockState != OplockState.Breaking || open.OplockTimeout is not { } timeout)
            {
                continue;
            }
            if (timeout <= now)
            {
                open.LocalOpen.File.AcknowledgeOplockBreak(open.LocalOpen, OplockLevelGrant.None);
                open.OplockLevel = OplockLevel.None;
                open.OplockState = OplockState.None;
                open.OplockTimeout = null;
            }
            else if (next is null || timeout < next)
            {
                next = timeout;
            }
        }
        return next;
    }

    public void Dispose() => timer.Dispose();
}
