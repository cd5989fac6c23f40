using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.ObjectStore.Oplocks;
using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Events;

/// <summary>
/// Object store indicates a lease break (3.3.4.7): the lease is found by the ClientGuid and LeaseKey of
/// the breaking oplock's key, and a Lease Break Notification (2.2.23.2) goes to a connection of one of
/// its opens. A break from R alone needs no acknowledgment (Flags 0, the lease not Breaking); any other
/// sets SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED, leaves the lease Breaking toward the new state and
/// starts the acknowledgment timer (3.3.2.1). A v2 lease's NewEpoch is its Epoch + 1, which it keeps.
/// </summary>
/// <remarks>
/// An open whose connection is gone (a durable open waiting for its reconnect) is closed when the
/// break takes handle caching away, as the current text does (our text closes every such open that is
/// neither resilient nor persistent, which would end every durable open at the first break); one that
/// keeps handle caching stays. When no open is left to tell, the break is completed at the new state if
/// that keeps handle caching (what is left of the lease stays with the disconnected opens), else at NONE.
/// </remarks>
internal sealed class LeaseBreakEvent(ServerRuntime runtime)
{
    public void Indicate(OplockBreakIndication indication)
    {
        var localOpen = indication.BreakingOplockOpen;
        var newState = (LeaseState)indication.NewOplockLevel.Caching;
        if (localOpen.TargetOplockKey is not { } key || FindLease(key) is not { } lease)
        {
            // "MUST NOT generate a Lease Break Notification … complete the lease break call … with NONE".
            Complete(localOpen, indication, LeaseState.None);
            return;
        }
        List<Open> toClose;
        List<Open> reachable;
        Adapters.Wire.Smb2Message? notification = null;
        lock (lease.Gate)
        {
            foreach (var open in lease.LeaseOpens)
            {
                open.Connection = BreakNotificationDelivery.ConnectionFor(open);
            }
            var keepsHandle = (newState & LeaseState.HandleCaching) != 0;
            toClose = lease.LeaseOpens.Where(open => open.Connection is null && !keepsHandle).ToList();
            reachable = lease.LeaseOpens.Where(open => open.Connection is not null).ToList();
            if (reachable.Count > 0)
            {
                notification = Notify(lease, newState, indication.AcknowledgeRequired);
            }
            else
            {
                lease.LeaseState = keepsHandle && lease.LeaseOpens.Count > 0 ? newState : LeaseState.None;
            }
        }
        if (notification is null)
        {
            Complete(localOpen, indication, lease.LeaseState);
        }
        else
        {
            _ = SendAsync(lease, localOpen, indication, reachable, notification);
        }
        foreach (var open in toClose)
        {
            _ = OpenCloser.CloseInBackgroundAsync(runtime.Server, open, runtime.Log, "a lease break that takes its handle caching while it has no connection");
        }
    }

    /// <summary>The notification of 3.3.4.7, the lease's state changed as it says. Call under the lease's gate.</summary>
    private Adapters.Wire.Smb2Message Notify(Lease lease, LeaseState newState, bool acknowledgeRequired)
    {
        var current = lease.LeaseState;
        var body = new LeaseBreakNotification
        {
            LeaseKey = lease.LeaseKey,
            CurrentLeaseState = current,
            NewLeaseState = newState,
        };
        if (lease.Version == 2)
        {
            lease.Epoch++;
            body.NewEpoch = lease.Epoch;
        }
        if (!acknowledgeRequired)
        {
            // Lease.LeaseState was SMB2_LEASE_READ_CACHING: Flags 0, nothing left Breaking.
            lease.LeaseState = newState;
            lease.Breaking = false;
            SetOplockState(lease, OplockState.None);
        }
        else
        {
            body.Flags = LeaseBreakNotificationFlags.AckRequired;
            lease.Breaking = true;
            lease.BreakToLeaseState = newState;
            lease.LeaseBreakTimeout = runtime.Clock.GetUtcNow() + runtime.Server.LeaseBreakTimeout;
            SetOplockState(lease, OplockState.Breaking);
            runtime.OplockBreakAcknowledgmentTimer.Start(lease.LeaseBreakTimeout.Value);
        }
        return BreakNotificationDelivery.Notification(body);
    }

    /// <summary>Sends to the first open's connection, then the next; when none takes it, the break is completed at NONE.</summary>
    private async Task SendAsync(Lease lease, LocalOpen localOpen, OplockBreakIndication indication, IReadOnlyList<Open> opens, Adapters.Wire.Smb2Message notification)
    {
        if (await BreakNotificationDelivery.SendAsync(opens, notification).ConfigureAwait(false))
        {
            return;
        }
        runtime.Log?.Invoke($"the lease break of {lease} could not be sent on any connection; completed at NONE");
        lock (lease.Gate)
        {
            lease.LeaseState = LeaseState.None;
            lease.Breaking = false;
            lease.LeaseBreakTimeout = null;
            SetOplockState(lease, OplockState.None);
        }
        Complete(localOpen, indication, LeaseState.None);
    }

    private Lease? FindLease(OplockKey key) =>
        runtime.Server.GlobalLeaseTableList.TryGetValue(key.ClientGuid, out var table) && table.LeaseList.TryGetValue(key.LeaseKey, out var lease) ? lease : null;

    /// <summary>Completes the object store's break itself at <paramref name="state"/> (only a break that awaits an acknowledgment needs it).</summary>
    private static void Complete(LocalOpen localOpen, OplockBreakIndication indication, LeaseState state)
    {
        if (indication.AcknowledgeRequired)
        {
            localOpen.File.AcknowledgeOplockBreak(localOpen, new OplockLevelGrant(OplockType.Granular, (CachingLevel)state));
        }
    }

    private static void SetOplockState(Lease lease, OplockState state)
    {
        foreach (var open in lease.LeaseOpens)
        {
            open.OplockState = state;
        }
    }
}
