namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>Preauthentication integrity hash algorithm ids (current MS-SMB2 2.2.3.1.1).</summary>
public enum HashAlgorithm : ushort
{
    Sha512 = 0x0001,
}
