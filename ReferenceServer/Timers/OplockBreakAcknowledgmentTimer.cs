using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Timers;

/// <summary>
/// The oplock break acknowledgment timer (3.3.2.1) and its event (3.3.6.1): started when a break that
/// needs an acknowledgment is sent; when it expires, every open whose break timed out is acknowledged
/// to the object store at none and left with no oplock, and (3.3.6.1 for leases) every lease whose
/// break timed out goes to NONE, so the operations waiting on them go on.
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
        if (server.IsLeasingSupported)
        {
            foreach (var lease in server.GlobalLeaseTableList.Values.SelectMany(table => table.LeaseList.Values))
            {
                var timeout = ExpireLease(lease, now);
                if (timeout is not null && (next is null || timeout < next))
                {
                    next = timeout;
                }
            }
        }
        return next;
    }

    /// <summary>
    /// 3.3.6.1 for a lease: one Breaking past its LeaseBreakTimeout is acknowledged to the object store
    /// at NONE for its opens and left at NONE; the timeout of one still within it, else null.
    /// </summary>
    private static DateTimeOffset? ExpireLease(Lease lease, DateTimeOffset now)
    {
        Open? holder;
        lock (lease.Gate)
        {
            if (!lease.Breaking || lease.LeaseBreakTimeout is not { } timeout)
            {
                return null;
            }
            if (timeout > now)
            {
                return timeout;
            }
            lease.LeaseState = LeaseState.None;
            lease.Breaking = false;
            lease.LeaseBreakTimeout = null;
            foreach (var open in lease.LeaseOpens)
            {
                open.OplockState = OplockState.None;
            }
            holder = lease.LeaseOpens.FirstOrDefault();
        }
        holder?.LocalOpen.File.AcknowledgeOplockBreak(holder.LocalOpen, new OplockLevelGrant(OplockType.Granular, CachingLevel.None));
        return null;
    }

    public void Dispose() => timer.Dispose();
}
