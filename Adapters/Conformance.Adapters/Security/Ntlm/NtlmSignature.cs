using System.Security.Cryptography;
using Conformance.Adapters.Security.Crypto;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// NTLMSSP_MESSAGE_SIGNATURE with extended session security (MS-NLMP 2.2.2.9.1, MAC in 3.4.4.2):
/// Version 1, Checksum = first 8 bytes of HMAC_MD5(SigningKey, ConcatenationOf(SeqNum, Message)),
/// RC4-sealed with the sealing key handle when KEY_EXCH was negotiated, then SeqNum.
/// </summary>
public static class NtlmSignature
{
    public const int Size = 16;

    /// <param name="sealingHandle">The RC4 handle of the direction's sealing key (3.4.3), advanced by 8 bytes; null when KEY_EXCH was not negotiated.</param>
    public static byte[] Compute(ReadOnlySpan<byte> signingKey, Rc4? sealingHandle, uint sequenceNumber, ReadOnlySpan<byte> message)
    {
        var input = new byte[4 + message.Length];
        input.AsSpan().U32(0, sequenceNumber);
        message.CopyTo(input.AsSpan(4));
        var checksum = HMACMD5.HashData(signingKey, input).AsSpan(0, 8);
        var signature = new byte[Size];
        signature.AsSpan().U32(0, 1);
        if (sealingHandle is null)
        {
            checksum.CopyTo(signature.AsSpan(4));
        }
        else
        {
            sealingHandle.Transform(checksum, signature.AsSpan(4, 8));
        }
        signature.AsSpan().U32(12, sequenceNumber);
        return signature;
    }

    /// <summary>
    /// The signature a fresh security context gives <paramref name="message"/> with sequence number 0, as
    /// the SPNEGO mechListMIC needs (MS-SPNG 3.1.5.1, MS-NLMP 3.4.4.2): keys derived from the exported session key.
    /// </summary>
    public static byte[] ComputeFirst(ReadOnlySpan<byte> exportedSessionKey, NegotiateFlags flags, bool clientToServer, ReadOnlySpan<byte> message)
    {
        var signingKey = NtlmKeys.SignKey(exportedSessionKey, clientToServer);
        var sealingHandle = (flags & NegotiateFlags.NegotiateKeyExchange) != 0
            ? new Rc4(NtlmKeys.SealKey(exportedSessionKey, flags, clientToServer))
            : null;
        return Compute(signingKey, sealingHandle, 0, message);
    }
}
