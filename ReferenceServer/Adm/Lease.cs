using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Adm;

/// <summary>
/// A lease (MS-SMB2 3.3.1.12 Per Lease): the caching the object store granted to every open of one
/// client that used one lease key on one file. Lives in its client's <see cref="LeaseTable"/> while it
/// has opens. Mutated under <see cref="Gate"/>.
/// </summary>
public sealed class Lease(LeaseTable table, Guid leaseKey, string filename, byte version, ushort epoch)
{
    /// <summary>Guards the lease's state, its opens and its break.</summary>
    public object Gate { get; } = new();

    /// <summary>The lease table (the client) this lease belongs to.</summary>
    public LeaseTable Table { get; } = table;

    public Guid LeaseKey { get; } = leaseKey;

    /// <summary>Lease.Filename: the share and path of the file the lease is on (a key used on another file is refused).</summary>
    public string Filename { get; } = filename;

    public LeaseState LeaseState { get; set; }
    public LeaseState BreakToLeaseState { get; set; }
    public DateTimeOffset? LeaseBreakTimeout { get; set; }
    public List<Open> LeaseOpens { get; } = [];
    public bool Breaking { get; set; }

    /// <summary>3.x: the sequence number of the lease's state changes.</summary>
    public ushort Epoch { get; set; } = epoch;

    /// <summary>1 for a lease made with SMB2_CREATE_REQUEST_LEASE, 2 for SMB2_CREATE_REQUEST_LEASE_V2; the lease answers in its own version.</summary>
    public byte Version { get; } = version;

    /// <summary>The ParentLeaseKey of the last request that set one (SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET), or null.</summary>
    public Guid? ParentLeaseKey { get; set; }

    public override string ToString() => $"lease {LeaseKey} v{Version} on {Filename}: {LeaseState}{(Breaking ? $" breaking to {BreakToLeaseState}" : "")}, epoch {Epoch}";
}
