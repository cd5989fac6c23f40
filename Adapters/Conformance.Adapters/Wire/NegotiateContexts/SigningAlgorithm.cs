namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>Signing algorithm ids (current MS-SMB2 2.2.3.1.7).</summary>
public enum SigningAlgorithm : ushort
{
    HmacSha256 = 0x0000,
    AesCmac = 0x0001,
    AesGmac = 0x0002,
}
