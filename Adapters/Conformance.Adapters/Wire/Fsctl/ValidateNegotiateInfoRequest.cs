using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Fsctl;

/// <summary>
/// VALIDATE_NEGOTIATE_INFO Request (2.2.31.4), the input of FSCTL_VALIDATE_NEGOTIATE_INFO:
/// Capabilities, Guid (the ClientGuid), SecurityMode, DialectCount, Dialects.
/// </summary>
public sealed class ValidateNegotiateInfoRequest : IInfoClass<ValidateNegotiateInfoRequest>
{
    private const string Name = "VALIDATE_NEGOTIATE_INFO Request";
    private const string Clause = "2.2.31.4";
    public const int FixedLength = 24;

    public uint Capabilities { get; set; }
    public Guid Guid { get; set; }
    public ushort SecurityMode { get; set; }

    /// <summary>Null: the number of <see cref="Dialects"/>.</summary>
    public ushort? DialectCount { get; set; }

    public List<Dialect> Dialects { get; set; } = [];

    public int Size => FixedLength + Dialects.Count * 2;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, Capabilities);
        destination.Guid(4, Guid);
        destination.U16(20, SecurityMode);
        destination.U16(22, DialectCount ?? (ushort)Dialects.Count);
        for (var i = 0; i < Dialects.Count; i++)
        {
            destination.U16(FixedLength + 2 * i, (ushort)Dialects[i]);
        }
    }

    /// <summary>Reads the structure at the start of the FSCTL input; bytes after the dialects are not part of it.</summary>
    public static DecodeResult<ValidateNegotiateInfoRequest> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var count = span.U16(22);
        if (FixedLength + count * 2 > span.Length)
        {
            return new DecodeError(Name, "DialectCount", Clause, $"{count} dialects need {count * 2} bytes, only {span.Length - FixedLength} follow", 22);
        }
        var request = new ValidateNegotiateInfoRequest
        {
            Capabilities = span.U32(0),
            Guid = span.Guid(4),
            SecurityMode = span.U16(20),
        };
        for (var i = 0; i < count; i++)
        {
            request.Dialects.Add((Dialect)span.U16(FixedLength + 2 * i));
        }
        return request;
    }

    public override string ToString() => $"VALIDATE_NEGOTIATE_INFO Request {string.Join(",", Dialects.Select(d => d.ToDisplayString()))}";
}
