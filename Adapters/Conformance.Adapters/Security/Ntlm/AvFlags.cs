namespace Conformance.Adapters.Security.Ntlm;

/// <summary>Bits of the MsvAvFlags value (MS-NLMP 2.2.2.1); the spec describes them without names.</summary>
[Flags]
public enum AvFlags : uint
{
    None = 0,
    AccountAuthenticationConstrained = 0x00000001,

    /// <summary>0x00000002: the client provides message integrity in the MIC field of the AUTHENTICATE_MESSAGE.</summary>
    MicPresent = 0x00000002,
    UntrustedSpnSource = 0x00000004,
}
