using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>
/// The 32-byte "RqLs" data that SMB2_CREATE_REQUEST_LEASE (2.2.13.2.8) and SMB2_CREATE_RESPONSE_LEASE
/// (2.2.14.2.10) share: LeaseKey, LeaseState, LeaseFlags, LeaseDuration.
/// </summary>
public abstract class LeaseContext : CreateContext
{
    public const int Length = 32;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.RequestLease;
    public override int DataSize => Length;

    public Guid LeaseKey { get; set; }
    public LeaseState LeaseState { get; set; }

    /// <summary>Reserved in the request (the client sets 0); BREAK_IN_PROGRESS in a response while a break of the lease is under way.</summary>
    public LeaseFlags LeaseFlags { get; set; }
    public ulong LeaseDuration { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        destination.Guid(0, LeaseKey);
        destination.U32(16, (uint)LeaseState);
        destination.U32(20, (uint)LeaseFlags);
        destination.U64(24, LeaseDuration);
    }

    protected static TContext ReadData<TContext>(ReadOnlySpan<byte> data) where TContext : LeaseContext, new() => new()
    {
        LeaseKey = data.Guid(0),
        LeaseState = (LeaseState)data.U32(16),
        LeaseFlags = (LeaseFlags)data.U32(20),
        LeaseDuration = data.U64(24),
    };
}
