using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Security;

public static class CipherExtensions
{
    public static bool IsAes256(this Cipher algorithm) => algorithm is Cipher.Aes256Ccm or Cipher.Aes256Gcm;

    public static bool IsGcm(this Cipher algorithm) => algorithm is Cipher.Aes128Gcm or Cipher.Aes256Gcm;

    /// <summary>16 bytes for the AES-128 ciphers, 32 for AES-256 (current MS-SMB2 3.1.4.2: 'L' is 128 or 256).</summary>
    public static int KeySize(this Cipher algorithm) => algorithm.IsAes256() ? 32 : 16;

    /// <summary>
    /// How many leading bytes of the TRANSFORM_HEADER Nonce field the cipher uses (2.2.41):
    /// 11 for CCM (AES128_Nonce / AES256_Nonce), 12 for GCM.
    /// </summary>
    public static int NonceSize(this Cipher algorithm) => algorithm.IsGcm() ? 12 : 11;

    public static string ToDisplayString(this Cipher algorithm) => algorithm switch
    {
        Cipher.Aes128Ccm => "AES-128-CCM",
        Cipher.Aes128Gcm => "AES-128-GCM",
        Cipher.Aes256Ccm => "AES-256-CCM",
        Cipher.Aes256Gcm => "AES-256-GCM",
        _ => $"0x{(ushort)algorithm:X4}",
    };
}
