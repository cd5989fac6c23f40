using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>
/// The 52-byte "RqLs" data that SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10) and
/// SMB2_CREATE_RESPONSE_LEASE_V2 (2.2.14.2.11) share: the v1 fields, ParentLeaseKey and Epoch.
/// </summary>
public abstract class LeaseContextV2 : CreateContext
{
    public const int Length = 52;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.RequestLease;
    public override int DataSize => Length;

    public Guid LeaseKey { get; set; }
    public LeaseState LeaseState { get; set; }

    /// <summary>The spec's "Flags": PARENT_LEASE_KEY_SET when <see cref="ParentLeaseKey"/> is set; in a response also BREAK_IN_PROGRESS.</summary>
    public LeaseFlags Flags { get; set; }
    public ulong LeaseDuration { get; set; }
    public Guid ParentLeaseKey { get; set; }
    public ushort Epoch { get; set; }
    public ushort Reserved2 { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        destination.Guid(0, LeaseKey);
        destination.U32(16, (uint)LeaseState);
        destination.U32(20, (uint)Flags);
        destination.U64(24, LeaseDuration);
        destination.Guid(32, ParentLeaseKey);
        destination.U16(48, Epoch);
        destination.U16(50, Reserved2);
    }

    protected static TContext ReadData<TContext>(ReadOnlySpan<byte> data) where TContext : LeaseContextV2, new() => new()
    {
        LeaseKey = data.Guid(0),
        LeaseState = (LeaseState)data.U32(16),
        Flags = (LeaseFlags)data.U32(20),
        LeaseDuration = data.U64(24),
        ParentLeaseKey = data.Guid(32),
        Epoch = data.U16(48),
        Reserved2 = data.U16(50),
    };
}
