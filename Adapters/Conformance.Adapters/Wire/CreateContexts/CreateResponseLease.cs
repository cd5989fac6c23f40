using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_RESPONSE_LEASE, "RqLs" with 32 bytes of data (2.2.14.2.10).</summary>
public sealed class CreateResponseLease : CreateContext
{
    public const int Length = 32;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.RequestLease;
    public override int DataSize => Length;

    public Guid LeaseKey { get; set; }
    public LeaseState LeaseState { get; set; }

    /// <summary>BREAK_IN_PROGRESS when a break of this lease is under way.</summary>
    public LeaseFlags LeaseFlags { get; set; }
    public ulong LeaseDuration { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        destination.Guid(0, LeaseKey);
        destination.U32(16, (uint)LeaseState);
        destination.U32(20, (uint)LeaseFlags);
        destination.U64(24, LeaseDuration);
    }

    internal static CreateResponseLease ReadData(ReadOnlySpan<byte> data) => new()
    {
        LeaseKey = data.Guid(0),
        LeaseState = (LeaseState)data.U32(16),
        LeaseFlags = (LeaseFlags)data.U32(20),
        LeaseDuration = data.U64(24),
    };
}
