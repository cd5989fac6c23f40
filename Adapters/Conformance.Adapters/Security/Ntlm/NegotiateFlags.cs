namespace Conformance.Adapters.Security.Ntlm;

/// <summary>NEGOTIATE flags (MS-NLMP 2.2.2.5), by the spec's names without the NTLMSSP_ prefix.</summary>
[Flags]
public enum NegotiateFlags : uint
{
    None = 0,
    NegotiateUnicode = 0x00000001,
    NegotiateOem = 0x00000002,
    RequestTarget = 0x00000004,
    NegotiateSign = 0x00000010,
    NegotiateSeal = 0x00000020,
    NegotiateDatagram = 0x00000040,
    NegotiateLmKey = 0x00000080,
    NegotiateNtlm = 0x00000200,
    Anonymous = 0x00000800,
    NegotiateOemDomainSupplied = 0x00001000,
    NegotiateOemWorkstationSupplied = 0x00002000,
    NegotiateAlwaysSign = 0x00008000,
    TargetTypeDomain = 0x00010000,
    TargetTypeServer = 0x00020000,
    NegotiateExtendedSessionSecurity = 0x00080000,
    NegotiateIdentify = 0x00100000,
    RequestNonNtSessionKey = 0x00400000,
    NegotiateTargetInfo = 0x00800000,
    NegotiateVersion = 0x02000000,
    Negotiate128 = 0x20000000,
    NegotiateKeyExchange = 0x40000000,
    Negotiate56 = 0x80000000,
}
