using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>
/// A lease as the client tracks it: the File of 3.2.1.5 (Per Open File), the entry of the
/// <see cref="ClientGlobal.GlobalFileTable"/> keyed by File.LeaseKey that every open asking for that
/// key shares. Named Lease here, since File names too many other things. The state is what the client
/// last saw, by the client rules of 3.2.5.7.4/3.2.5.7.5 (CREATE), 3.2.5.8 (reconnect) and 3.2.5.19.2
/// (break); nothing here checks a server's answer or limits what a scenario sends.
/// </summary>
public sealed class Lease(Guid leaseKey, string fileName)
{
    public string FileName { get; } = fileName;

    /// <summary>File.LeaseKey.</summary>
    public Guid LeaseKey { get; } = leaseKey;

    /// <summary>File.LeaseState (2.2.13.2.8): NONE until a response grants more.</summary>
    public LeaseState LeaseState { get; set; }

    /// <summary>File.LeaseEpoch (SMB 3.x, v2 leases): the epoch of the last state change the client took.</summary>
    public ushort Epoch { get; set; }

    /// <summary>1: SMB2_CREATE_REQUEST_LEASE (2.2.13.2.8); 2: SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10). From the last lease context the server answered with, else the first request's.</summary>
    public int Version { get; set; }

    /// <summary>The ParentLeaseKey of a v2 lease (SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET); null: none.</summary>
    public Guid? ParentLeaseKey { get; set; }

    /// <summary>File.OpenTable: the opens sharing this lease.</summary>
    public List<Open> OpenTable { get; } = [];

    /// <summary>A Lease Break Notification asking for an acknowledgment came and no successful acknowledgment answered it yet.</summary>
    public bool Breaking { get; set; }

    /// <summary>The NewLeaseState of the last Lease Break Notification.</summary>
    public LeaseState BreakToLeaseState { get; set; }

    internal int OpenCount
    {
        get
        {
            lock (OpenTable)
            {
                return OpenTable.Count;
            }
        }
    }

    /// <summary>
    /// Δepoch of 3.2.5.7.5: 0 when equal, positive when <paramref name="received"/> is newer than
    /// <paramref name="held"/> by at most 32767 (a 16-bit counter that wraps), negative otherwise.
    /// </summary>
    public static short EpochDelta(ushort held, ushort received) => unchecked((short)(received - held));

    public override string ToString() =>
        $"lease {LeaseKey} on {FileName}: v{Version} state {LeaseState}, epoch {Epoch}" + (Breaking ? $", breaking to {BreakToLeaseState}" : "");

    internal void Add(Open open)
    {
        lock (OpenTable)
        {
            if (!OpenTable.Contains(open))
            {
                OpenTable.Add(open);
            }
        }
    }

    internal bool Remove(Open open)
    {
        lock (OpenTable)
        {
            return OpenTable.Remove(open);
        }
    }

    /// <summary>3.2.5.7.4 (and 3.2.5.8): a v1 response context's LeaseState is copied.</summary>
    internal void Granted(LeaseState leaseState)
    {
        lock (OpenTable)
        {
            Version = 1;
            LeaseState = leaseState;
        }
    }

    /// <summary>
    /// 3.2.5.7.5: a v2 response context changes File.LeaseState and File.LeaseEpoch only when its table
    /// says "Upgrade": Δepoch positive and a state that adds caching to the one held (None to R, RH or
    /// RWH; R to RH or RWH; RH to RWH). Every other cell (no change, purge cache, invalid) leaves both.
    /// </summary>
    internal void Granted(LeaseState leaseState, ushort epoch, Guid? parentLeaseKey)
    {
        lock (OpenTable)
        {
            Version = 2;
            ParentLeaseKey = parentLeaseKey ?? ParentLeaseKey;
            var upgrade = leaseState != LeaseState && (leaseState & LeaseState) == LeaseState;
            if (upgrade && EpochDelta(Epoch, epoch) > 0)
            {
                LeaseState = leaseState;
                Epoch = epoch;
            }
        }
    }

    /// <summary>3.2.5.8: a reestablished open's response context is copied (state, and for v2 the epoch the server holds).</summary>
    internal void Reestablished(LeaseState leaseState, ushort? epoch)
    {
        lock (OpenTable)
        {
            LeaseState = leaseState;
            if (epoch is { } current)
            {
                Version = 2;
                Epoch = current;
            }
            else
            {
                Version = 1;
            }
        }
    }

    /// <summary>
    /// 3.2.5.19.2: a v2 lease takes NewLeaseState and NewEpoch when the epoch is newer (Δepoch of
    /// 3.2.5.7.5); a v1 lease takes NewLeaseState, as 2.1 does. (The spec words both by dialect, which
    /// leaves a v1 lease on a 3.x connection never updated: its NewEpoch is 0, 3.3.4.7.)
    /// </summary>
    internal void BreakNotified(LeaseBreakNotification notification)
    {
        lock (OpenTable)
        {
            Breaking = (notification.Flags & LeaseBreakNotificationFlags.AckRequired) != 0;
            BreakToLeaseState = notification.NewLeaseState;
            if (Version != 2)
            {
                LeaseState = notification.NewLeaseState;
            }
            else if (EpochDelta(Epoch, notification.NewEpoch) > 0)
            {
                LeaseState = notification.NewLeaseState;
                Epoch = notification.NewEpoch;
            }
        }
    }

    /// <summary>A Lease Break Acknowledgment succeeded: the Lease Break Response's LeaseState is held, the break is over.</summary>
    internal void Acknowledged(LeaseState leaseState)
    {
        lock (OpenTable)
        {
            LeaseState = leaseState;
            Breaking = false;
        }
    }
}
