using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Adm;

/// <summary>A lease (MS-SMB2 3.3.1.13 Lease). Held in a <see cref="LeaseTable"/>; granted once leasing is implemented.</summary>
public sealed class Lease(Guid leaseKey, Guid clientLeaseId, string fileName)
{
    public Guid LeaseKey { get; } = leaseKey;
    public Guid ClientLeaseId { get; } = clientLeaseId;
    public string FileName { get; set; } = fileName;
    public LeaseState LeaseState { get; set; }
    public LeaseState BreakToLeaseState { get; set; }
    public DateTimeOffset? LeaseBreakTimeout { get; set; }
    public List<Open> LeaseOpens { get; } = [];
    public bool Breaking { get; set; }
    public bool Held { get; set; }
    public bool FileDeleteOnClose { get; set; }
    public ushort Epoch { get; set; }
    public Guid ParentLeaseKey { get; set; }
    public byte Version { get; set; }
}
