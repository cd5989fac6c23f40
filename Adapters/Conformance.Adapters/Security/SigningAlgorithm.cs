using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security;

/// <summary>
/// Signing algorithm identifiers of the SMB2_SIGNING_CAPABILITIES negotiate context (current
/// MS-SMB2 2.2.3.1.7). Dialects 2.0.2 and 2.1 always use HMAC-SHA256, 3.0 and 3.0.2 AES-CMAC
/// (3.1.4.1).
/// </summary>
public enum SigningAlgorithm : ushort
{
    HmacSha256 = 0x0000,
    AesCmac = 0x0001,
    AesGmac = 0x0002,
}

public static class SigningAlgorithmExtensions
{
    /// <summary>
    /// The algorithm a connection signs with (current MS-SMB2 3.1.4.1): HMAC-SHA256 for 2.0.2/2.1,
    /// AES-128-CMAC for 3.0/3.0.2, and for 3.1.1 Connection.SigningAlgorithmId when a signing
    /// capabilities context was negotiated, AES-128-CMAC otherwise.
    /// </summary>
    public static SigningAlgorithm ForDialect(Dialect dialect, SigningAlgorithm? negotiated = null) => dialect switch
    {
        Dialect.Smb202 or Dialect.Smb210 => SigningAlgorithm.HmacSha256,
        Dialect.Smb311 => negotiated ?? SigningAlgorithm.AesCmac,
        _ => SigningAlgorithm.AesCmac,
    };

    public static string ToDisplayString(this SigningAlgorithm algorithm) => algorithm switch
    {
        SigningAlgorithm.HmacSha256 => "HMAC-SHA256",
        SigningAlgorithm.AesCmac => "AES-128-CMAC",
        SigningAlgorithm.AesGmac => "AES-128-GMAC",
        _ => $"0x{(ushort)algorithm:X4}",
    };
}
