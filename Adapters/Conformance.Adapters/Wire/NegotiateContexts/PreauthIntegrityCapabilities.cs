namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>
/// SMB2_PREAUTH_INTEGRITY_CAPABILITIES (current MS-SMB2 2.2.3.1.1; in a response 2.2.4.1.1, where
/// HashAlgorithmCount MUST be 1): HashAlgorithmCount, SaltLength, HashAlgorithms, Salt.
/// </summary>
public sealed class PreauthIntegrityCapabilities() : NegotiateContext(NegotiateContextType.PreauthIntegrityCapabilities)
{
    private const string Clause = "2.2.3.1.1";
    private const int FixedLength = 4;

    public List<HashAlgorithm> HashAlgorithms { get; set; } = [HashAlgorithm.Sha512];
    public ReadOnlyMemory<byte> Salt { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? HashAlgorithmCount { get; set; }
    public ushort? SaltLength { get; set; }

    protected internal override int FieldsSize => FixedLength + 2 * HashAlgorithms.Count + Salt.Length;

    protected override void WriteFields(Span<byte> destination)
    {
        destination.U16(0, HashAlgorithmCount ?? (ushort)HashAlgorithms.Count);
        destination.U16(2, SaltLength ?? (ushort)Salt.Length);
        WriteIds(destination, FixedLength, HashAlgorithms.Select(algorithm => (ushort)algorithm));
        destination.Bytes(FixedLength + 2 * HashAlgorithms.Count, Salt.Span);
    }

    internal static DecodeResult<NegotiateContext> ReadData(ReadOnlyMemory<byte> data, int dataOffset, string messageName, string field)
    {
        var span = data.Span;
        if (span.Length < FixedLength)
        {
            return new DecodeError(messageName, field + ".DataLength", Clause, $"{span.Length} bytes of Data, fewer than the {FixedLength} of HashAlgorithmCount and SaltLength", dataOffset);
        }
        var count = span.U16(0);
        var saltLength = span.U16(2);
        var needed = FixedLength + 2 * count + saltLength;
        if (needed > span.Length)
        {
            return new DecodeError(messageName, field + ".HashAlgorithmCount", Clause, $"{count} hash algorithms and a {saltLength}-byte salt need {needed} bytes; DataLength is {span.Length}", dataOffset);
        }
        return new PreauthIntegrityCapabilities
        {
            HashAlgorithms = ReadIds(span, FixedLength, count).Select(id => (HashAlgorithm)id).ToList(),
            Salt = data.Slice(FixedLength + 2 * count, saltLength),
        };
    }

    public override string ToString() => $"PREAUTH_INTEGRITY [{string.Join(",", HashAlgorithms)}] salt {Salt.Length} bytes";
}
