namespace Conformance.Adapters.Security;

/// <summary>
/// Cipher identifiers of the SMB2_ENCRYPTION_CAPABILITIES negotiate context (current MS-SMB2
/// 2.2.3.1.2). Dialects 3.0 and 3.0.2 use AES-128-CCM only (2.2.41: EncryptionAlgorithm 0x0001).
/// </summary>
public enum EncryptionAlgorithm : ushort
{
    Aes128Ccm = 0x0001,
    Aes128Gcm = 0x0002,
    Aes256Ccm = 0x0003,
    Aes256Gcm = 0x0004,
}

public static class EncryptionAlgorithmExtensions
{
    public static bool IsAes256(this EncryptionAlgorithm algorithm) => algorithm is EncryptionAlgorithm.Aes256Ccm or EncryptionAlgorithm.Aes256Gcm;

    public static bool IsGcm(this EncryptionAlgorithm algorithm) => algorithm is EncryptionAlgorithm.Aes128Gcm or EncryptionAlgorithm.Aes256Gcm;

    /// <summary>16 bytes for the AES-128 ciphers, 32 for AES-256 (current MS-SMB2 3.1.4.2: 'L' is 128 or 256).</summary>
    public static int KeySize(this EncryptionAlgorithm algorithm) => algorithm.IsAes256() ? 32 : 16;

    /// <summary>
    /// How many leading bytes of the TRANSFORM_HEADER Nonce field the cipher uses (2.2.41):
    /// 11 for CCM (AES128_Nonce / AES256_Nonce), 12 for GCM.
    /// </summary>
    public static int NonceSize(this EncryptionAlgorithm algorithm) => algorithm.IsGcm() ? 12 : 11;

    public static string ToDisplayString(this EncryptionAlgorithm algorithm) => algorithm switch
    {
        EncryptionAlgorithm.Aes128Ccm => "AES-128-CCM",
        EncryptionAlgorithm.Aes128Gcm => "AES-128-GCM",
        EncryptionAlgorithm.Aes256Ccm => "AES-256-CCM",
        EncryptionAlgorithm.Aes256Gcm => "AES-256-GCM",
        _ => $"0x{(ushort)algorithm:X4}",
    };
}
