namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// The 36-byte layout shared by the Lease Break Acknowledgment and Response (2.2.24.2,
/// 2.2.25.2): StructureSize, Reserved, Flags, LeaseKey, LeaseState, LeaseDuration.
/// </summary>
public abstract class LeaseBreakStructure : IOplockBreakBody
{
    public const ushort DefaultStructureSize = 36;
    public const int FixedLength = 36;

    public Smb2Command Command => Smb2Command.OplockBreak;
    public abstract OplockBreakForm Form { get; }

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved { get; set; }

    /// <summary>Reserved in both forms.</summary>
    public uint Flags { get; set; }
    public Guid LeaseKey { get; set; }
    public LeaseState LeaseState { get; set; }
    public ulong LeaseDuration { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved);
        destination.U32(4, Flags);
        destination.Guid(8, LeaseKey);
        destination.U32(24, (uint)LeaseState);
        destination.U64(28, LeaseDuration);
    }

    /// <summary>Checks the fixed part, then fills <paramref name="target"/>.</summary>
    protected static DecodeResult<T> ReadInto<T>(ReadOnlySpan<byte> message, string messageName, string clause, T target) where T : LeaseBreakStructure
    {
        var error = BodyChecks.FixedPart(message, messageName, clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        target.Reserved = message.U16(body + 2);
        target.Flags = message.U32(body + 4);
        target.LeaseKey = message.Guid(body + 8);
        target.LeaseState = (LeaseState)message.U32(body + 24);
        target.LeaseDuration = message.U64(body + 28);
        return target;
    }

    public override string ToString() => $"{Form} {LeaseKey} {LeaseState}";
}
