using System.Text;

namespace Conformance.Adapters.Tests.Wire.InfoClasses;

/// <summary>
/// Golden bytes written field by field from a spec layout, little-endian unless named otherwise;
/// independent of the codec's writers.
/// </summary>
public sealed class SpecLayout
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public SpecLayout U8(byte value) => Add([value]);
    public SpecLayout U16(ushort value) => Add([(byte)value, (byte)(value >> 8)]);
    public SpecLayout U32(uint value) => Add([(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)]);
    public SpecLayout U64(ulong value) => U32((uint)value).U32((uint)(value >> 32));
    public SpecLayout I64(long value) => U64((ulong)value);
    public SpecLayout BigEndian16(ushort value) => Add([(byte)(value >> 8), (byte)value]);
    public SpecLayout BigEndian32(uint value) => Add([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    public SpecLayout Utf16(string value) => Add(Encoding.Unicode.GetBytes(value));
    public SpecLayout Zeros(int count) => Add(new byte[count]);
    public SpecLayout Bytes(params byte[] value) => Add(value);
    public SpecLayout Hex(string hex) => Add(Convert.FromHexString(hex));

    /// <summary>Zeros up to the next multiple of <paramref name="alignment"/>, counted from <paramref name="start"/>.</summary>
    public SpecLayout PadTo(int alignment, int start = 0) => Zeros((alignment - (Length - start) % alignment) % alignment);

    public byte[] ToArray() => [.. _bytes];

    private SpecLayout Add(byte[] value)
    {
        _bytes.AddRange(value);
        return this;
    }
}
