namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>
/// SMB2_SIGNING_CAPABILITIES (current MS-SMB2 2.2.3.1.7; in a response 2.2.4.1.7, exactly one
/// algorithm): SigningAlgorithmCount, SigningAlgorithms in order of preference.
/// </summary>
public sealed class SigningCapabilities() : NegotiateContext(NegotiateContextType.SigningCapabilities)
{
    private const string Clause = "2.2.3.1.7";

    public List<SigningAlgorithm> SigningAlgorithms { get; set; } = [];

    /// <summary>Override: null writes SigningAlgorithms.Count.</summary>
    public ushort? SigningAlgorithmCount { get; set; }

    protected internal override int FieldsSize => 2 + 2 * SigningAlgorithms.Count;

    protected override void WriteFields(Span<byte> destination)
    {
        destination.U16(0, SigningAlgorithmCount ?? (ushort)SigningAlgorithms.Count);
        WriteIds(destination, 2, SigningAlgorithms.Select(algorithm => (ushort)algorithm));
    }

    internal static DecodeResult<NegotiateContext> ReadData(ReadOnlyMemory<byte> data, int dataOffset, string messageName, string field)
    {
        var span = data.Span;
        if (span.Length < 2)
        {
            return new DecodeError(messageName, field + ".DataLength", Clause, $"{span.Length} bytes of Data, fewer than the 2 of SigningAlgorithmCount", dataOffset);
        }
        var count = span.U16(0);
        if (2 + 2 * count > span.Length)
        {
            return new DecodeError(messageName, field + ".SigningAlgorithmCount", Clause, $"{count} algorithms need {2 + 2 * count} bytes; DataLength is {span.Length}", dataOffset);
        }
        return new SigningCapabilities { SigningAlgorithms = ReadIds(span, 2, count).Select(id => (SigningAlgorithm)id).ToList() };
    }

    public override string ToString() => $"SIGNING [{string.Join(",", SigningAlgorithms)}]";
}
