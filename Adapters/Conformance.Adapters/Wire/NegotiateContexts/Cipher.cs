namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>Encryption algorithm ids (current MS-SMB2 2.2.3.1.2).</summary>
public enum Cipher : ushort
{
    Aes128Ccm = 0x0001,
    Aes128Gcm = 0x0002,
    Aes256Ccm = 0x0003,
    Aes256Gcm = 0x0004,
}
