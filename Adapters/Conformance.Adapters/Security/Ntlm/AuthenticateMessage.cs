using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3). The payload is laid out in <see cref="PayloadOrder"/>
/// (the fixed part's field order unless a sender chose another; decoding keeps the sender's).
/// </summary>
public sealed class AuthenticateMessage
{
    private const string Name = "AUTHENTICATE_MESSAGE";
    private const string Clause = "MS-NLMP 2.2.1.3";
    private const int FixedLength = 64;
    public const int VersionOffset = 64;
    public const int MicOffset = 72;
    public const int MicLength = 16;

    public static readonly IReadOnlyList<AuthenticatePayloadField> FieldOrder =
    [
        AuthenticatePayloadField.LmChallengeResponse, AuthenticatePayloadField.NtChallengeResponse, AuthenticatePayloadField.DomainName,
        AuthenticatePayloadField.UserName, AuthenticatePayloadField.Workstation, AuthenticatePayloadField.EncryptedRandomSessionKey,
    ];

    private static readonly int[] FieldOffsets = [12, 20, 28, 36, 44, 52];

    public ReadOnlyMemory<byte> LmChallengeResponse { get; set; }
    public ReadOnlyMemory<byte> NtChallengeResponse { get; set; }

    /// <summary>Unicode or OEM as <see cref="NegotiateFlags"/> says.</summary>
    public string DomainName { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Workstation { get; set; } = "";
    public ReadOnlyMemory<byte> EncryptedRandomSessionKey { get; set; }
    public NegotiateFlags NegotiateFlags { get; set; }

    /// <summary>Written when not null; zero-filled when only <see cref="Mic"/> is present.</summary>
    public NtlmVersion? Version { get; set; }

    /// <summary>16 bytes when present (MS-NLMP 2.2.1.3: when MsvAvFlags carries the MIC bit); null leaves the field out.</summary>
    public byte[]? Mic { get; set; }

    public IReadOnlyList<AuthenticatePayloadField> PayloadOrder { get; set; } = FieldOrder;

    private int PayloadOffset => Mic is not null ? MicOffset + MicLength : Version is not null ? MicOffset : FixedLength;

    public int Size => PayloadOffset + FieldOrder.Sum(payloadField => FieldBytes(payloadField).Length);

    /// <summary>Whether this message is an anonymous one (MS-NLMP 3.2.5.1.2): empty UserName and NtChallengeResponse, LmChallengeResponse empty or Z(1).</summary>
    public bool IsAnonymous =>
        UserName.Length == 0 && NtChallengeResponse.Length == 0
        && (LmChallengeResponse.Length == 0 || (LmChallengeResponse.Length == 1 && LmChallengeResponse.Span[0] == 0));

    private byte[] FieldBytes(AuthenticatePayloadField field)
    {
        var encoding = NtlmMessageHeader.StringEncoding(NegotiateFlags);
        return field switch
        {
            AuthenticatePayloadField.LmChallengeResponse => LmChallengeResponse.ToArray(),
            AuthenticatePayloadField.NtChallengeResponse => NtChallengeResponse.ToArray(),
            AuthenticatePayloadField.DomainName => encoding.GetBytes(DomainName),
            AuthenticatePayloadField.UserName => encoding.GetBytes(UserName),
            AuthenticatePayloadField.Workstation => encoding.GetBytes(Workstation),
            _ => EncryptedRandomSessionKey.ToArray(),
        };
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public void WriteTo(Span<byte> destination)
    {
        NtlmMessageHeader.Write(destination, NtlmMessageType.Authenticate);
        var offset = PayloadOffset;
        var order = PayloadOrder.Concat(FieldOrder).Distinct();
        foreach (var field in order)
        {
            var bytes = FieldBytes(field);
            NtlmPayloadField.Write(destination, FieldOffsets[(int)field], bytes.Length, offset);
            destination.Bytes(offset, bytes);
            offset += bytes.Length;
        }
        destination.U32(60, (uint)NegotiateFlags);
        Version?.WriteTo(destination[VersionOffset..]);
        if (Mic is not null)
        {
            destination.Bytes(MicOffset, Mic.AsSpan(0, MicLength));
        }
    }

    public static DecodeResult<AuthenticateMessage> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = NtlmMessageHeader.Check(span, Name, Clause, NtlmMessageType.Authenticate, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var flags = (NegotiateFlags)span.U32(60);
        var buffers = new (int Offset, int Length)[FieldOrder.Count];
        foreach (var field in FieldOrder)
        {
            var index = (int)field;
            error = NtlmPayloadField.Read(span, FieldOffsets[index], Name, Clause, field.ToString(), FixedLength, out buffers[index].Offset, out buffers[index].Length);
            if (error is null && field is AuthenticatePayloadField.DomainName or AuthenticatePayloadField.UserName or AuthenticatePayloadField.Workstation)
            {
                error = NtlmMessageHeader.CheckUnicodeLength(flags, buffers[index].Length, Name, Clause, field.ToString(), FieldOffsets[index]);
            }
            if (error is not null)
            {
                return error;
            }
        }
        var payloadStart = NtlmPayloadField.PayloadStart(span.Length, buffers);
        var encoding = NtlmMessageHeader.StringEncoding(flags);
        ReadOnlyMemory<byte> Slice(AuthenticatePayloadField field) =>
            buffers[(int)field].Length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(buffers[(int)field].Offset, buffers[(int)field].Length);
        return new AuthenticateMessage
        {
            LmChallengeResponse = Slice(AuthenticatePayloadField.LmChallengeResponse),
            NtChallengeResponse = Slice(AuthenticatePayloadField.NtChallengeResponse),
            DomainName = encoding.GetString(Slice(AuthenticatePayloadField.DomainName).Span),
            UserName = encoding.GetString(Slice(AuthenticatePayloadField.UserName).Span),
            Workstation = encoding.GetString(Slice(AuthenticatePayloadField.Workstation).Span),
            EncryptedRandomSessionKey = Slice(AuthenticatePayloadField.EncryptedRandomSessionKey),
            NegotiateFlags = flags,
            Version = payloadStart >= MicOffset ? NtlmVersion.Read(span[VersionOffset..]) : null,
            Mic = payloadStart >= MicOffset + MicLength ? span.Slice(MicOffset, MicLength).ToArray() : null,
            // Sender's order: by offset, ties (empty buffers) in field order.
            PayloadOrder = FieldOrder.OrderBy(field => buffers[(int)field].Offset).ThenBy(field => (int)field).ToArray(),
        };
    }

    public override string ToString() => $"{Name} {DomainName}\\{UserName} from {Workstation} flags 0x{(uint)NegotiateFlags:X8}";
}
