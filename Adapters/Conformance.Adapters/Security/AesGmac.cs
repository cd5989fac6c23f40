using System.Security.Cryptography;

namespace Conformance.Adapters.Security;

/// <summary>
/// AES-GMAC (NIST SP800-38D, RFC 4543): the GCM authentication tag of empty plaintext with the
/// data as additional authenticated data. The SMB 3.1.1 AES-128-GMAC signature (current MS-SMB2
/// 3.1.4.1) with a 12-byte nonce and a 16-byte tag.
/// </summary>
public static class AesGmac
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        using var gcm = new AesGcm(key, TagSize);
        Compute(gcm, nonce, data, tag);
    }

    public static void Compute(AesGcm keyedGcm, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> data, Span<byte> tag) =>
        keyedGcm.Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag[..TagSize], data);
}
