using System.Text;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>
/// One SMB2_CREATE_CONTEXT (2.2.13.2, 2.2.14.2): a 16-byte header (Next, NameOffset, NameLength,
/// Reserved, DataOffset, DataLength), the name (four ASCII octets or a 16-byte GUID, in network
/// byte order) at offset 16, then the data at the next 8-byte boundary. Offsets count from the
/// start of this context. Every header field has an override: null writes the computed value.
/// </summary>
public abstract class CreateContext
{
    public const int HeaderLength = 16;

    /// <summary>The name octets as they stand on the wire.</summary>
    public abstract ReadOnlyMemory<byte> Name { get; }

    /// <summary>Bytes of the data this context carries.</summary>
    public abstract int DataSize { get; }

    /// <summary>Writes exactly <see cref="DataSize"/> bytes.</summary>
    protected abstract void WriteData(Span<byte> destination);

    public uint? Next { get; set; }
    public ushort? NameOffset { get; set; }
    public ushort? NameLength { get; set; }
    public ushort Reserved { get; set; }

    /// <summary>Computed: 0 when there is no data (the client SHOULD send 0 then, 2.2.13.2), else the aligned offset after the name.</summary>
    public ushort? DataOffset { get; set; }
    public uint? DataLength { get; set; }

    /// <summary>Where the data starts when laid out naturally (0 when there is none).</summary>
    public int NaturalDataOffset => DataSize == 0 ? 0 : WireSpanExtensions.Align8(HeaderLength + Name.Length);

    /// <summary>Header, name and data, without the alignment padding that precedes a following context.</summary>
    public int Size => DataSize == 0 ? HeaderLength + Name.Length : NaturalDataOffset + DataSize;

    /// <summary>Writes <see cref="Size"/> bytes; <paramref name="followed"/> says whether another context comes after it.</summary>
    public void WriteTo(Span<byte> destination, bool followed)
    {
        destination.U32(0, Next ?? (followed ? (uint)WireSpanExtensions.Align8(Size) : 0u));
        destination.U16(4, NameOffset ?? HeaderLength);
        destination.U16(6, NameLength ?? (ushort)Name.Length);
        destination.U16(8, Reserved);
        destination.U16(10, DataOffset ?? (ushort)NaturalDataOffset);
        destination.U32(12, DataLength ?? (uint)DataSize);
        destination.Bytes(HeaderLength, Name.Span);
        if (DataSize > 0)
        {
            WriteData(destination.Slice(NaturalDataOffset, DataSize));
        }
    }

    /// <summary>"DHnQ" for a four-letter name, the hex octets otherwise.</summary>
    public string NameText => DescribeName(Name.Span);

    public static string DescribeName(ReadOnlySpan<byte> name)
    {
        foreach (var octet in name)
        {
            if (octet is < 0x20 or > 0x7E)
            {
                return Convert.ToHexString(name);
            }
        }
        return name.Length == 4 ? Encoding.ASCII.GetString(name) : Convert.ToHexString(name);
    }

    public override string ToString() => $"{NameText} ({GetType().Name}, {DataSize} data bytes)";
}
