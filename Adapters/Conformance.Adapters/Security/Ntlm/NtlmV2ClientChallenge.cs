using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// NTLMv2_CLIENT_CHALLENGE (MS-NLMP 2.2.2.7): the "temp" of 3.3.2 that follows NTProofStr in an
/// NTLMv2_RESPONSE. 3.3.2 ends temp with Z(4) after the AV pairs; that is <see cref="Trailing"/>.
/// </summary>
public sealed class NtlmV2ClientChallenge
{
    private const string Name = "NTLMv2_CLIENT_CHALLENGE";
    private const string Clause = "MS-NLMP 2.2.2.7";
    private const int FixedLength = 28;

    public byte RespType { get; set; } = 1;
    public byte HiRespType { get; set; } = 1;
    public ushort Reserved1 { get; set; }
    public uint Reserved2 { get; set; }

    /// <summary>FILETIME.</summary>
    public ulong TimeStamp { get; set; }
    public byte[] ChallengeFromClient { get; set; } = new byte[8];
    public uint Reserved3 { get; set; }
    public AvPairList AvPairs { get; set; } = new();
    public ReadOnlyMemory<byte> Trailing { get; set; } = new byte[4];

    public int Size => FixedLength + AvPairs.Size + Trailing.Length;

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        bytes[0] = RespType;
        bytes[1] = HiRespType;
        var span = bytes.AsSpan();
        span.U16(2, Reserved1);
        span.U32(4, Reserved2);
        span.U64(8, TimeStamp);
        span.Bytes(16, ChallengeFromClient.AsSpan(0, 8));
        span.U32(24, Reserved3);
        AvPairs.WriteTo(span[FixedLength..]);
        span.Bytes(FixedLength + AvPairs.Size, Trailing.Span);
        return bytes;
    }

    /// <param name="temp">The NtChallengeResponse after its 16-byte NTProofStr.</param>
    /// <param name="baseOffset">Where <paramref name="temp"/> starts in the enclosing message, for error offsets.</param>
    public static DecodeResult<NtlmV2ClientChallenge> Read(ReadOnlyMemory<byte> temp, int baseOffset = 0)
    {
        var span = temp.Span;
        if (span.Length < FixedLength)
        {
            return new DecodeError(Name, "(fixed part)", Clause, $"{span.Length} bytes, shorter than the {FixedLength}-byte fixed part", baseOffset);
        }
        var pairs = AvPairList.Read(temp[FixedLength..], Name, baseOffset + FixedLength);
        if (!pairs.IsSuccess)
        {
            return pairs.Error;
        }
        var trailing = pairs.Value.Trailing;
        pairs.Value.Trailing = ReadOnlyMemory<byte>.Empty;
        return new NtlmV2ClientChallenge
        {
            RespType = span[0],
            HiRespType = span[1],
            Reserved1 = span.U16(2),
            Reserved2 = span.U32(4),
            TimeStamp = span.U64(8),
            ChallengeFromClient = span.Slice(16, 8).ToArray(),
            Reserved3 = span.U32(24),
            AvPairs = pairs.Value,
            Trailing = trailing,
        };
    }
}
