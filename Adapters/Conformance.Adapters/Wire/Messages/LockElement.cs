namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2_LOCK_ELEMENT (2.2.26.1): one byte range to lock or unlock.</summary>
public sealed record LockElement(ulong Offset, ulong Length, LockFlags Flags, uint Reserved = 0)
{
    public const int Size = 24;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, Offset);
        destination.U64(8, Length);
        destination.U32(16, (uint)Flags);
        destination.U32(20, Reserved);
    }

    public static LockElement Read(ReadOnlySpan<byte> source) =>
        new(source.U64(0), source.U64(8), (LockFlags)source.U32(16), source.U32(20));
}
