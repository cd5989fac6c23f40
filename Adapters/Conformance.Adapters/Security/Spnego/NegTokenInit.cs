using System.Text;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Spnego;

/// <summary>
/// NegTokenInit (RFC 4178 4.2.1) and its MS-SPNG 2.2.1 form NegTokenInit2, which servers send in
/// the SMB2 NEGOTIATE response: mechTypes [0], reqFlags [1], mechToken [2], then negHints [3] and
/// mechListMIC [4] in NegTokenInit2, or mechListMIC [3] in RFC 4178's form. The writer uses [4]
/// for mechListMIC when negHints is present, [3] otherwise.
/// </summary>
public sealed class NegTokenInit : SpnegoToken
{
    private const string Name = "NegTokenInit";
    private const string Clause = "RFC 4178 4.2.1";
    private const string GssClause = "RFC 2743 3.1";

    public List<string> MechTypes { get; set; } = [SpnegoOids.Ntlmssp];

    /// <summary>The BIT STRING content (unused-bits byte first) of reqFlags, when present.</summary>
    public ReadOnlyMemory<byte>? ReqFlags { get; set; }
    public ReadOnlyMemory<byte>? MechToken { get; set; }
    public NegHints? NegHints { get; set; }
    public ReadOnlyMemory<byte>? MechListMic { get; set; }

    /// <summary>Framed as an InitialContextToken ([APPLICATION 0] with the SPNEGO OID), as the first token of a context is.</summary>
    public bool GssFramed { get; set; } = true;

    /// <summary>
    /// The DER MechTypeList (SEQUENCE OF MechType) as received, which the mechListMIC covers
    /// (RFC 4178 5); empty for a token built here (see <see cref="MechTypeList"/>).
    /// </summary>
    public ReadOnlyMemory<byte> ReceivedMechTypeList { get; private set; }

    /// <summary>The DER MechTypeList the mechListMIC covers: as received, or as this token encodes it.</summary>
    public byte[] MechTypeList => ReceivedMechTypeList.IsEmpty ? EncodeMechTypeList(MechTypes) : ReceivedMechTypeList.ToArray();

    public static byte[] EncodeMechTypeList(IEnumerable<string> mechTypes) => Der.Constructed(Der.Sequence, mechTypes.Select(Der.EncodeObjectIdentifier));

    public override byte[] ToArray()
    {
        var fields = new List<byte[]> { Der.Encode(Der.Context(0), EncodeMechTypeList(MechTypes)) };
        if (ReqFlags is { } reqFlags)
        {
            fields.Add(Der.Encode(Der.Context(1), Der.Encode(Der.BitString, reqFlags.Span)));
        }
        if (MechToken is { } mechToken)
        {
            fields.Add(Der.Encode(Der.Context(2), Der.Encode(Der.OctetString, mechToken.Span)));
        }
        if (NegHints is { } hints)
        {
            var hintFields = new List<byte[]>();
            if (hints.HintName is { } hintName)
            {
                hintFields.Add(Der.Encode(Der.Context(0), Der.EncodeGeneralString(hintName)));
            }
            if (hints.HintAddress is { } hintAddress)
            {
                hintFields.Add(Der.Encode(Der.Context(1), Der.Encode(Der.OctetString, hintAddress.Span)));
            }
            fields.Add(Der.Encode(Der.Context(3), Der.Constructed(Der.Sequence, hintFields)));
        }
        if (MechListMic is { } mic)
        {
            fields.Add(Der.Encode(Der.Context(NegHints is null ? 3 : 4), Der.Encode(Der.OctetString, mic.Span)));
        }
        var negTokenInit = Der.Encode(Der.Context(0), Der.Constructed(Der.Sequence, fields));
        return GssFramed ? Der.Constructed(Der.Application0, Der.EncodeObjectIdentifier(SpnegoOids.Spnego), negTokenInit) : negTokenInit;
    }

    public static new DecodeResult<NegTokenInit> Read(ReadOnlyMemory<byte> token)
    {
        var error = Der.Read(token, 0, 0, Name, "(token)", Clause, out var outer);
        if (error is not null)
        {
            return error;
        }
        var gssFramed = false;
        var choice = outer;
        if (outer.Tag == Der.Application0)
        {
            gssFramed = true;
            error = Der.ReadChildren(outer, Name, "InitialContextToken", GssClause, out var framing);
            if (error is not null)
            {
                return error;
            }
            if (framing.Count != 2)
            {
                return new DecodeError(Name, "InitialContextToken", GssClause, $"expected thisMech and innerContextToken, got {framing.Count} elements", outer.Offset);
            }
            error = Der.ReadObjectIdentifier(framing[0], Name, "thisMech", GssClause, out var thisMech);
            if (error is not null)
            {
                return error;
            }
            if (thisMech != SpnegoOids.Spnego)
            {
                return new DecodeError(Name, "thisMech", GssClause, $"expected SPNEGO {SpnegoOids.Spnego}, got {thisMech}", framing[0].Offset);
            }
            choice = framing[1];
        }
        if (choice.Tag != Der.Context(0))
        {
            return new DecodeError(Name, "negTokenInit", Clause, $"expected [0] (0xA0), got 0x{choice.Tag:X2}", choice.Offset);
        }
        error = Der.Read(choice.Content, 0, choice.ContentOffset, Name, "NegTokenInit", Clause, out var sequence);
        if (error is not null)
        {
            return error;
        }
        if (sequence.Tag != Der.Sequence)
        {
            return new DecodeError(Name, "NegTokenInit", Clause, $"expected SEQUENCE, got 0x{sequence.Tag:X2}", sequence.Offset);
        }
        error = Der.ReadChildren(sequence, Name, "NegTokenInit", Clause, out var fields);
        if (error is not null)
        {
            return error;
        }
        var result = new NegTokenInit { GssFramed = gssFramed, MechTypes = [] };
        var previous = -1;
        var sawMechTypes = false;
        foreach (var field in fields)
        {
            var number = field.Tag - 0xA0;
            if (number is < 0 or > 4 || number <= previous)
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
                    error = ReadMechTypes(inner, result, token);
                    sawMechTypes = true;
                    break;
                case 1:
                    error = Expect(inner, Der.BitString, "reqFlags");
                    result.ReqFlags = inner.Content;
                    break;
                case 2:
                    error = Expect(inner, Der.OctetString, "mechToken");
                    result.MechToken = inner.Content;
                    break;
                case 3 when inner.Tag == Der.OctetString:
                    result.MechListMic = inner.Content;
                    break;
                case 3:
                    error = ReadNegHints(inner, result);
                    break;
                default:
                    error = Expect(inner, Der.OctetString, "mechListMIC");
                    result.MechListMic = inner.Content;
                    break;
            }
            if (error is not null)
            {
                return error;
            }
        }
        if (!sawMechTypes)
        {
            return new DecodeError(Name, "mechTypes", Clause, "missing: mechTypes [0] is mandatory", sequence.Offset);
        }
        return result;
    }

    private static DecodeError? Expect(DerElement element, byte tag, string field) =>
        element.Tag == tag ? null : new DecodeError(Name, field, Clause, $"expected tag 0x{tag:X2}, got 0x{element.Tag:X2}", element.Offset);

    private static DecodeError? ReadMechTypes(DerElement list, NegTokenInit result, ReadOnlyMemory<byte> token)
    {
        var error = Expect(list, Der.Sequence, "mechTypes");
        if (error is not null)
        {
            return error;
        }
        error = Der.ReadChildren(list, Name, "mechTypes", Clause, out var oids);
        if (error is not null)
        {
            return error;
        }
        foreach (var oid in oids)
        {
            error = Der.ReadObjectIdentifier(oid, Name, "mechTypes", Clause, out var dotted);
            if (error is not null)
            {
                return error;
            }
            result.MechTypes.Add(dotted);
        }
        result.ReceivedMechTypeList = token[list.Offset..list.End];
        return null;
    }

    private static DecodeError? ReadNegHints(DerElement hints, NegTokenInit result)
    {
        const string hintsClause = "MS-SPNG 2.2.1";
        if (hints.Tag != Der.Sequence)
        {
            return new DecodeError(Name, "negHints", hintsClause, $"expected SEQUENCE, got 0x{hints.Tag:X2}", hints.Offset);
        }
        var error = Der.ReadChildren(hints, Name, "negHints", hintsClause, out var fields);
        if (error is not null)
        {
            return error;
        }
        var negHints = new NegHints();
        foreach (var field in fields)
        {
            error = Der.Read(field.Content, 0, field.ContentOffset, Name, "negHints", hintsClause, out var inner);
            if (error is not null)
            {
                return error;
            }
            if (field.Tag == Der.Context(0) && inner.Tag == Der.GeneralString)
            {
                negHints.HintName = Encoding.ASCII.GetString(inner.Content.Span);
            }
            else if (field.Tag == Der.Context(1) && inner.Tag == Der.OctetString)
            {
                negHints.HintAddress = inner.Content;
            }
            else
            {
                return new DecodeError(Name, "negHints", hintsClause, $"unexpected field 0x{field.Tag:X2} holding 0x{inner.Tag:X2}", field.Offset);
            }
        }
        result.NegHints = negHints;
        return null;
    }

    public override string ToString() => $"{Name} [{string.Join(", ", MechTypes)}]{(MechToken is { } token ? $" mechToken {token.Length} bytes" : "")}";
}
