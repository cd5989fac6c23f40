namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>
/// SMB2_COMPRESSION_CAPABILITIES (current MS-SMB2 2.2.3.1.3, 2.2.4.1.3): CompressionAlgorithmCount,
/// Padding, Flags, CompressionAlgorithms in order of preference.
/// </summary>
public sealed class CompressionCapabilities() : NegotiateContext(NegotiateContextType.CompressionCapabilities)
{
    private const string Clause = "2.2.3.1.3";
    private const int FixedLength = 8;

    public CompressionCapabilitiesFlags Flags { get; set; }
    public ushort Padding { get; set; }
    public List<CompressionAlgorithm> CompressionAlgorithms { get; set; } = [];

    /// <summary>Override: null writes CompressionAlgorithms.Count.</summary>
    public ushort? CompressionAlgorithmCount { get; set; }

    protected internal override int FieldsSize => FixedLength + 2 * CompressionAlgorithms.Count;

    protected override void WriteFields(Span<byte> destination)
    {
        destination.U16(0, CompressionAlgorithmCount ?? (ushort)CompressionAlgorithms.Count);
        destination.U16(2, Padding);
        destination.U32(4, (uint)Flags);
        WriteIds(destination, FixedLength, CompressionAlgorithms.Select(algorithm => (ushort)algorithm));
    }

    internal static DecodeResult<NegotiateContext> ReadData(ReadOnlyMemory<byte> data, int dataOffset, string messageName, string field)
    {
        var span = data.Span;
        if (span.Length < FixedLength)
        {
            return new DecodeError(messageName, field + ".DataLength", Clause, $"{span.Length} bytes of Data, fewer than the {FixedLength} of CompressionAlgorithmCount, Padding and Flags", dataOffset);
        }
        var count = span.U16(0);
        if (FixedLength + 2 * count > span.Length)
        {
            return new DecodeError(messageName, field + ".CompressionAlgorithmCount", Clause, $"{count} algorithms need {FixedLength + 2 * count} bytes; DataLength is {span.Length}", dataOffset);
        }
        return new CompressionCapabilities
        {
            Padding = span.U16(2),
            Flags = (CompressionCapabilitiesFlags)span.U32(4),
            CompressionAlgorithms = ReadIds(span, FixedLength, count).Select(id => (CompressionAlgorithm)id).ToList(),
        };
    }

    public override string ToString() => $"COMPRESSION {Flags} [{string.Join(",", CompressionAlgorithms)}]";
}
