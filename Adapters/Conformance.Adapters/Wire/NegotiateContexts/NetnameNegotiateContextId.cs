namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>
/// SMB2_NETNAME_NEGOTIATE_CONTEXT_ID (current MS-SMB2 2.2.3.1.4): NetName, the server name the
/// client connects to, in Unicode without a terminator; its length is the context's DataLength.
/// </summary>
public sealed class NetnameNegotiateContextId() : NegotiateContext(NegotiateContextType.NetnameNegotiateContextId)
{
    public string NetName { get; set; } = "";

    protected internal override int FieldsSize => NetName.Length * 2;

    protected override void WriteFields(Span<byte> destination) => destination.Utf16(0, NetName);

    /// <summary>An odd last byte cannot be a UTF-16 unit; it stays in <see cref="NegotiateContext.ExtraData"/>.</summary>
    internal static DecodeResult<NegotiateContext> ReadData(ReadOnlyMemory<byte> data) =>
        new NetnameNegotiateContextId { NetName = data.Span.Utf16(0, data.Length & ~1) };

    public override string ToString() => $"NETNAME {NetName}";
}
