using System.Buffers.Binary;
using System.Text;

namespace Conformance.Adapters.Wire;

/// <summary>Little-endian field access at an offset; callers validate bounds first.</summary>
public static class WireSpanExtensions
{
    public static byte U8(this ReadOnlySpan<byte> span, int offset) => span[offset];
    public static ushort U16(this ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
    public static uint U32(this ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
    public static ulong U64(this ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]);
    public static Guid Guid(this ReadOnlySpan<byte> span, int offset) => new(span.Slice(offset, 16));
    public static string Utf16(this ReadOnlySpan<byte> span, int offset, int length) => Encoding.Unicode.GetString(span.Slice(offset, length));

    public static void U8(this Span<byte> span, int offset, byte value) => span[offset] = value;
    public static void U16(this Span<byte> span, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], value);
    public static void U32(this Span<byte> span, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], value);
    public static void U64(this Span<byte> span, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], value);
    public static void Guid(this Span<byte> span, int offset, Guid value) => value.TryWriteBytes(span.Slice(offset, 16));
    public static int Utf16(this Span<byte> span, int offset, string value) => Encoding.Unicode.GetBytes(value, span[offset..]);
    public static void Bytes(this Span<byte> span, int offset, ReadOnlySpan<byte> value) => value.CopyTo(span[offset..]);

    /// <summary>Rounds up to a multiple of 8, as compounding and context lists require.</summary>
    public static int Align8(int value) => (value + 7) & ~7;
}
