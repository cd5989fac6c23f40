using System.Security.Cryptography;
using System.Text;
using Conformance.Adapters.Security.Crypto;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>The NTLM v2 computations of MS-NLMP 3.3.2.</summary>
public static class NtlmV2
{
    public const int NtProofStrLength = 16;

    /// <summary>NTOWFv1 (MS-NLMP 3.3.1): MD4(UNICODE(Passwd)), the NT hash.</summary>
    public static byte[] Ntowfv1(string password) => Md4.Hash(Encoding.Unicode.GetBytes(password));

    /// <summary>NTOWFv2 = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(ConcatenationOf(Uppercase(User), UserDom))). Also LMOWFv2.</summary>
    public static byte[] Ntowfv2(string password, string user, string userDomain) =>
        HMACMD5.HashData(Ntowfv1(password), Encoding.Unicode.GetBytes(user.ToUpperInvariant() + userDomain));

    /// <summary>NTProofStr = HMAC_MD5(ResponseKeyNT, ConcatenationOf(CHALLENGE_MESSAGE.ServerChallenge, temp)).</summary>
    public static byte[] ComputeNtProofStr(ReadOnlySpan<byte> responseKeyNt, ReadOnlySpan<byte> serverChallenge, ReadOnlySpan<byte> temp)
    {
        var input = new byte[serverChallenge.Length + temp.Length];
        serverChallenge.CopyTo(input);
        temp.CopyTo(input.AsSpan(serverChallenge.Length));
        return HMACMD5.HashData(responseKeyNt, input);
    }

    /// <summary>SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr); for NTLMv2 also the KeyExchangeKey (3.4.5.1).</summary>
    public static byte[] ComputeSessionBaseKey(ReadOnlySpan<byte> responseKeyNt, ReadOnlySpan<byte> ntProofStr) =>
        HMACMD5.HashData(responseKeyNt, ntProofStr);

    /// <summary>LmChallengeResponse = ConcatenationOf(HMAC_MD5(ResponseKeyLM, ConcatenationOf(ServerChallenge, ClientChallenge)), ClientChallenge).</summary>
    public static byte[] ComputeLmV2Response(ReadOnlySpan<byte> responseKeyLm, ReadOnlySpan<byte> serverChallenge, ReadOnlySpan<byte> clientChallenge)
    {
        var input = new byte[16];
        serverChallenge[..8].CopyTo(input);
        clientChallenge[..8].CopyTo(input.AsSpan(8));
        var response = new byte[24];
        HMACMD5.HashData(responseKeyLm, input).CopyTo(response, 0);
        clientChallenge[..8].CopyTo(response.AsSpan(16));
        return response;
    }

    /// <summary>NtChallengeResponse = ConcatenationOf(NTProofStr, temp).</summary>
    public static byte[] ComputeNtChallengeResponse(ReadOnlySpan<byte> responseKeyNt, ReadOnlySpan<byte> serverChallenge, ReadOnlySpan<byte> temp)
    {
        var response = new byte[NtProofStrLength + temp.Length];
        ComputeNtProofStr(responseKeyNt, serverChallenge, temp).CopyTo(response, 0);
        temp.CopyTo(response.AsSpan(NtProofStrLength));
        return response;
    }
}
