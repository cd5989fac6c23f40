namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>
/// SMB2_NEGOTIATE_CONTEXT (current MS-SMB2 2.2.3.1, 2.2.4.1): ContextType, DataLength, Reserved,
/// then Data. Subclasses model Data; <see cref="RawNegotiateContext"/> keeps any other type as bytes.
/// </summary>
public abstract class NegotiateContext
{
    public const int HeaderSize = 8;

    protected NegotiateContext(NegotiateContextType contextType) => ContextType = contextType;

    /// <summary>Settable so a scenario can send a typed Data under another type.</summary>
    public NegotiateContextType ContextType { get; set; }

    /// <summary>Override: null writes <see cref="DataSize"/>.</summary>
    public ushort? DataLength { get; set; }

    public uint Reserved { get; set; }

    /// <summary>
    /// Bytes of Data after the typed fields: none in a well-formed context. A decoded context keeps
    /// what its DataLength covered beyond its fields here, so it re-encodes identically.
    /// </summary>
    public ReadOnlyMemory<byte> ExtraData { get; set; }

    /// <summary>Bytes of the typed fields of Data.</summary>
    protected internal abstract int FieldsSize { get; }

    protected abstract void WriteFields(Span<byte> destination);

    public int DataSize => FieldsSize + ExtraData.Length;

    /// <summary>Header and Data, without the padding that aligns a following context.</summary>
    public int Size => HeaderSize + DataSize;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, (ushort)ContextType);
        destination.U16(2, DataLength ?? (ushort)DataSize);
        destination.U32(4, Reserved);
        WriteFields(destination.Slice(HeaderSize, FieldsSize));
        destination.Bytes(HeaderSize + FieldsSize, ExtraData.Span);
    }

    /// <summary>Array of 16-bit ids, as the capability contexts carry them.</summary>
    protected static void WriteIds(Span<byte> destination, int offset, IEnumerable<ushort> ids)
    {
        foreach (var id in ids)
        {
            destination.U16(offset, id);
            offset += 2;
        }
    }

    protected static List<ushort> ReadIds(ReadOnlySpan<byte> source, int offset, int count)
    {
        var ids = new List<ushort>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(source.U16(offset + 2 * i));
        }
        return ids;
    }
}
