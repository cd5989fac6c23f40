using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Fsctl;

/// <summary>
/// VALIDATE_NEGOTIATE_INFO Response (2.2.32.6), the output of FSCTL_VALIDATE_NEGOTIATE_INFO:
/// Capabilities, Guid (the ServerGuid), SecurityMode, Dialect; 24 bytes.
/// </summary>
public sealed class ValidateNegotiateInfoResponse : IInfoClass<ValidateNegotiateInfoResponse>
{
    private const string Name = "VALIDATE_NEGOTIATE_INFO Response";
    private const string Clause = "2.2.32.6";
    public const int FixedLength = 24;

    public uint Capabilities { get; set; }
    public Guid Guid { get; set; }
    public ushort SecurityMode { get; set; }
    public Dialect Dialect { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, Capabilities);
        destination.Guid(4, Guid);
        destination.U16(20, SecurityMode);
        destination.U16(22, (ushort)Dialect);
    }

    public static DecodeResult<ValidateNegotiateInfoResponse> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new ValidateNegotiateInfoResponse
        {
            Capabilities = span.U32(0),
            Guid = span.Guid(4),
            SecurityMode = span.U16(20),
            Dialect = (Dialect)span.U16(22),
        };
    }

    public override string ToString() => $"VALIDATE_NEGOTIATE_INFO Response {Dialect.ToDisplayString()}";
}
