using System.Security.Cryptography;
using Conformance.Adapters.Security.Crypto;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>Key exchange, MIC and the signing/sealing keys of MS-NLMP 3.1.5.1.2, 3.4.5.</summary>
public static class NtlmKeys
{
    public const int SessionKeyLength = 16;

    private static ReadOnlySpan<byte> ClientSigningMagic => "session key to client-to-server signing key magic constant\0"u8;
    private static ReadOnlySpan<byte> ServerSigningMagic => "session key to server-to-client signing key magic constant\0"u8;
    private static ReadOnlySpan<byte> ClientSealingMagic => "session key to client-to-server sealing key magic constant\0"u8;
    private static ReadOnlySpan<byte> ServerSealingMagic => "session key to server-to-client sealing key magic constant\0"u8;

    /// <summary>EncryptedRandomSessionKey = RC4K(KeyExchangeKey, ExportedSessionKey) (3.1.5.1.2); the same call unwraps it (3.2.5.1.2).</summary>
    public static byte[] Rc4K(ReadOnlySpan<byte> keyExchangeKey, ReadOnlySpan<byte> sessionKey) => Rc4.Transform(keyExchangeKey, sessionKey);

    /// <summary>
    /// MIC = HMAC_MD5(ExportedSessionKey, ConcatenationOf(NEGOTIATE_MESSAGE, CHALLENGE_MESSAGE, AUTHENTICATE_MESSAGE))
    /// with the AUTHENTICATE_MESSAGE's MIC field zeroed (3.1.5.1.2).
    /// </summary>
    public static byte[] ComputeMic(ReadOnlySpan<byte> exportedSessionKey, ReadOnlySpan<byte> negotiate, ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> authenticate)
    {
        var input = new byte[negotiate.Length + challenge.Length + authenticate.Length];
        negotiate.CopyTo(input);
        challenge.CopyTo(input.AsSpan(negotiate.Length));
        var authenticateCopy = input.AsSpan(negotiate.Length + challenge.Length);
        authenticate.CopyTo(authenticateCopy);
        if (authenticateCopy.Length >= AuthenticateMessage.MicOffset + AuthenticateMessage.MicLength)
        {
            authenticateCopy.Slice(AuthenticateMessage.MicOffset, AuthenticateMessage.MicLength).Clear();
        }
        return HMACMD5.HashData(exportedSessionKey, input);
    }

    /// <summary>SIGNKEY (3.4.5.2) with extended session security: MD5(ConcatenationOf(ExportedSessionKey, magic)).</summary>
    public static byte[] SignKey(ReadOnlySpan<byte> exportedSessionKey, bool clientToServer) =>
        Md5Of(exportedSessionKey, clientToServer ? ClientSigningMagic : ServerSigningMagic);

    /// <summary>SEALKEY (3.4.5.3) with extended session security: the key cut to 16, 7 or 5 bytes by NEGOTIATE_128/56, then hashed with the magic constant.</summary>
    public static byte[] SealKey(ReadOnlySpan<byte> exportedSessionKey, NegotiateFlags flags, bool clientToServer)
    {
        var length = (flags & NegotiateFlags.Negotiate128) != 0 ? 16 : (flags & NegotiateFlags.Negotiate56) != 0 ? 7 : 5;
        return Md5Of(exportedSessionKey[..length], clientToServer ? ClientSealingMagic : ServerSealingMagic);
    }

    private static byte[] Md5Of(ReadOnlySpan<byte> key, ReadOnlySpan<byte> magic)
    {
        var input = new byte[key.Length + magic.Length];
        key.CopyTo(input);
        magic.CopyTo(input.AsSpan(key.Length));
        return MD5.HashData(input);
    }
}
