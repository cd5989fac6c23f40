namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>
/// SMB2_ENCRYPTION_CAPABILITIES (current MS-SMB2 2.2.3.1.2; in a response 2.2.4.1.2, one cipher or
/// none): CipherCount, Ciphers in order of preference.
/// </summary>
public sealed class EncryptionCapabilities() : NegotiateContext(NegotiateContextType.EncryptionCapabilities)
{
    private const string Clause = "2.2.3.1.2";

    public List<Cipher> Ciphers { get; set; } = [];

    /// <summary>Override: null writes Ciphers.Count.</summary>
    public ushort? CipherCount { get; set; }

    protected internal override int FieldsSize => 2 + 2 * Ciphers.Count;

    protected override void WriteFields(Span<byte> destination)
    {
        destination.U16(0, CipherCount ?? (ushort)Ciphers.Count);
        WriteIds(destination, 2, Ciphers.Select(cipher => (ushort)cipher));
    }

    internal static DecodeResult<NegotiateContext> ReadData(ReadOnlyMemory<byte> data, int dataOffset, string messageName, string field)
    {
        var span = data.Span;
        if (span.Length < 2)
        {
            return new DecodeError(messageName, field + ".DataLength", Clause, $"{span.Length} bytes of Data, fewer than the 2 of CipherCount", dataOffset);
        }
        var count = span.U16(0);
        if (2 + 2 * count > span.Length)
        {
            return new DecodeError(messageName, field + ".CipherCount", Clause, $"{count} ciphers need {2 + 2 * count} bytes; DataLength is {span.Length}", dataOffset);
        }
        return new EncryptionCapabilities { Ciphers = ReadIds(span, 2, count).Select(id => (Cipher)id).ToList() };
    }

    public override string ToString() => $"ENCRYPTION [{string.Join(",", Ciphers)}]";
}
