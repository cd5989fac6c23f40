using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Security;

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
