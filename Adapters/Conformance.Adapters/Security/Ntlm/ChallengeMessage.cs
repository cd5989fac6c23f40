using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2).</summary>
public sealed class ChallengeMessage
{
    private const string Name = "CHALLENGE_MESSAGE";
    private const string Clause = "MS-NLMP 2.2.1.2";
    private const int FixedLength = 48;
    public const int ServerChallengeLength = 8;

    /// <summary>Unicode or OEM as <see cref="NegotiateFlags"/> says.</summary>
    public string TargetName { get; set; } = "";
    public NegotiateFlags NegotiateFlags { get; set; }
    public byte[] ServerChallenge { get; set; } = new byte[ServerChallengeLength];
    public ulong Reserved { get; set; }

    /// <summary>The AV pairs; null writes an empty TargetInfo.</summary>
    public AvPairList? TargetInfo { get; set; }

    /// <summary>Written when not null (the spec: present when NTLMSSP_NEGOTIATE_VERSION is set).</summary>
    public NtlmVersion? Version { get; set; }

    private int PayloadOffset => FixedLength + (Version is null ? 0 : NtlmVersion.Size);
    private int TargetNameByteCount => NtlmMessageHeader.StringEncoding(NegotiateFlags).GetByteCount(TargetName);

    public int Size => PayloadOffset + TargetNameByteCount + (TargetInfo?.Size ?? 0);

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public void WriteTo(Span<byte> destination)
    {
        NtlmMessageHeader.Write(destination, NtlmMessageType.Challenge);
        var offset = PayloadOffset;
        var targetName = NtlmMessageHeader.StringEncoding(NegotiateFlags).GetBytes(TargetName);
        NtlmPayloadField.Write(destination, 12, targetName.Length, offset);
        destination.Bytes(offset, targetName);
        offset += targetName.Length;
        destination.U32(20, (uint)NegotiateFlags);
        destination.Bytes(24, ServerChallenge.AsSpan(0, ServerChallengeLength));
        destination.U64(32, Reserved);
        var targetInfoLength = TargetInfo?.Size ?? 0;
        NtlmPayloadField.Write(destination, 40, targetInfoLength, offset);
        TargetInfo?.WriteTo(destination[offset..]);
        Version?.WriteTo(destination[FixedLength..]);
    }

    public static DecodeResult<ChallengeMessage> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = NtlmMessageHeader.Check(span, Name, Clause, NtlmMessageType.Challenge, FixedLength);
        if (error is not null)
        {
            return error;
        }
        error = NtlmPayloadField.Read(span, 12, Name, Clause, "TargetName", FixedLength, out var nameOffset, out var nameLength);
        if (error is not null)
        {
            return error;
        }
        error = NtlmPayloadField.Read(span, 40, Name, Clause, "TargetInfo", FixedLength, out var infoOffset, out var infoLength);
        if (error is not null)
        {
            return error;
        }
        var flags = (NegotiateFlags)span.U32(20);
        error = NtlmMessageHeader.CheckUnicodeLength(flags, nameLength, Name, Clause, "TargetName", 12);
        if (error is not null)
        {
            return error;
        }
        AvPairList? targetInfo = null;
        if (infoLength > 0)
        {
            var pairs = AvPairList.Read(message.Slice(infoOffset, infoLength), Name, infoOffset);
            if (!pairs.IsSuccess)
            {
                return pairs.Error;
            }
            targetInfo = pairs.Value;
        }
        var payloadStart = NtlmPayloadField.PayloadStart(span.Length, [(nameOffset, nameLength), (infoOffset, infoLength)]);
        return new ChallengeMessage
        {
            TargetName = nameLength == 0 ? "" : NtlmMessageHeader.StringEncoding(flags).GetString(span.Slice(nameOffset, nameLength)),
            NegotiateFlags = flags,
            ServerChallenge = span.Slice(24, ServerChallengeLength).ToArray(),
            Reserved = span.U64(32),
            TargetInfo = targetInfo,
            Version = payloadStart >= FixedLength + NtlmVersion.Size ? NtlmVersion.Read(span[FixedLength..]) : null,
        };
    }

    public override string ToString() => $"{Name} {TargetName} flags 0x{(uint)NegotiateFlags:X8} challenge {Convert.ToHexString(ServerChallenge)}";
}
