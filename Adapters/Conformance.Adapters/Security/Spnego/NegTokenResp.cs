using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Spnego;

/// <summary>
/// NegTokenResp (RFC 4178 4.2.2), tagged negTokenResp [1]: negState [0], supportedMech [1],
/// responseToken [2], mechListMIC [3], all optional.
/// </summary>
public sealed class NegTokenResp : SpnegoToken
{
    private const string Name = "NegTokenResp";
    private const string Clause = "RFC 4178 4.2.2";

    public NegState? NegState { get; set; }
    public string? SupportedMech { get; set; }
    public ReadOnlyMemory<byte>? ResponseToken { get; set; }
    public ReadOnlyMemory<byte>? MechListMic { get; set; }

    public override byte[] ToArray()
    {
        var fields = new List<byte[]>();
        if (NegState is { } state)
        {
            fields.Add(Der.Encode(Der.Context(0), Der.EncodeEnumerated((int)state)));
        }
        if (SupportedMech is { } mech)
        {
            fields.Add(Der.Encode(Der.Context(1), Der.EncodeObjectIdentifier(mech)));
        }
        if (ResponseToken is { } response)
        {
            fields.Add(Der.Encode(Der.Context(2), Der.Encode(Der.OctetString, response.Span)));
        }
        if (MechListMic is { } mic)
        {
            fields.Add(Der.Encode(Der.Context(3), Der.Encode(Der.OctetString, mic.Span)));
        }
        return Der.Encode(Der.Context(1), Der.Constructed(Der.Sequence, fields));
    }

    public static new DecodeResult<NegTokenResp> Read(ReadOnlyMemory<byte> token)
    {
        var error = Der.ReadExpected(token, 0, 0, Der.Context(1), Name, "negTokenResp", Clause, out var choice);
        if (error is not null)
        {
            return error;
        }
        error = Der.ReadExpected(choice.Content, 0, choice.ContentOffset, Der.Sequence, Name, "NegTokenResp", Clause, out var sequence);
        if (error is not null)
        {
            return error;
        }
        error = Der.ReadChildren(sequence, Name, "NegTokenResp", Clause, out var fields);
        if (error is not null)
        {
            return error;
        }
        var result = new NegTokenResp();
        var previous = -1;
        foreach (var field in fields)
        {
            var number = field.Tag - 0xA0;
            if (number is < 0 or > 3 || number <= previous)
            {
                return new DecodeError(Name, "(field)", Clause, $"unexpected or out-of-order tag 0x{field.Tag:X2}", field.Offset);
            }
            previous = number;
            error = Der.Read(field.Content, 0, field.ContentOffset, Name, $"[{number}]", Clause, out var inner);
            if (error is not null)
            {
                return error;
            }
            if (inner.End - field.ContentOffset != field.Content.Length)
            {
                return new DecodeError(Name, $"[{number}]", Clause, "bytes follow the field's value", inner.End);
            }
            switch (number)
            {
                case 0:
                    if (inner.Tag != Der.Enumerated || inner.Content.Length != 1 || inner.Content.Span[0] > 3)
                    {
                        return new DecodeError(Name, "negState", Clause, "expected ENUMERATED 0..3", inner.Offset);
                    }
                    result.NegState = (NegState)inner.Content.Span[0];
                    break;
                case 1:
                    error = Der.ReadObjectIdentifier(inner, Name, "supportedMech", Clause, out var mech);
                    if (error is not null)
                    {
                        return error;
                    }
                    result.SupportedMech = mech;
                    break;
                default:
                    if (inner.Tag != Der.OctetString)
                    {
                        return new DecodeError(Name, number == 2 ? "responseToken" : "mechListMIC", Clause, $"expected OCTET STRING, got 0x{inner.Tag:X2}", inner.Offset);
                    }
                    if (number == 2)
                    {
                        result.ResponseToken = inner.Content;
                    }
                    else
                    {
                        result.MechListMic = inner.Content;
                    }
                    break;
            }
        }
        return result;
    }

    public override string ToString() => $"{Name} {NegState?.ToString() ?? "(no negState)"}{(ResponseToken is { } token ? $" responseToken {token.Length} bytes" : "")}";
}
