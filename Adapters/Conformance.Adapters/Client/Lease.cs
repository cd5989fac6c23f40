using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>
/// A lease as the client tracks it: the File of 3.2.1.5 (Per Open File), an entry of the
/// GlobalFileTable keyed by File.LeaseKey, holding the lease state granted to all opens that share
/// the key. Named Lease here, since File names too many other things.
/// </summary>
public sealed class Lease(Guid leaseKey, string fileName)
{
    public string FileName { get; } = fileName;

    /// <summary>File.LeaseKey.</summary>
    public Guid LeaseKey { get; } = leaseKey;

    /// <summary>File.LeaseState (2.2.13.2.8).</summary>
    public LeaseState LeaseState { get; set; }

    /// <summary>File.LeaseEpoch (SMB 3.x): the epoch of the last state change the client saw.</summary>
    public ushort Epoch { get; set; }

    /// <summary>File.OpenTable: the opens sharing this lease.</summary>
    public List<Open> OpenTable { get; } = [];

    public override string ToString() => $"lease {LeaseKey} on {FileName}: state {LeaseState}, epoch {Epoch}";
}
