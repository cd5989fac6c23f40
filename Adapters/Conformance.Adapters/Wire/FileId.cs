using System.Buffers.Binary;

namespace Conformance.Adapters.Wire;

/// <summary>SMB2_FILEID (2.2.14.1): Persistent and Volatile halves, 16 bytes on the wire.</summary>
public readonly record struct FileId(ulong Persistent, ulong Volatile)
{
    public const int Size = 16;

    /// <summary>The all-ones id that names "the file of the previous request" in a related compound (3.2.4.1.4).</summary>
    public static readonly FileId Related = new(ulong.MaxValue, ulong.MaxValue);

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Persistent);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Volatile);
    }

    public static FileId Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));

    public override string ToString() => $"{Persistent:X16}:{Volatile:X16}";
}
