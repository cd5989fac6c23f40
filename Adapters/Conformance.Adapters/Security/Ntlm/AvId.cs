namespace Conformance.Adapters.Security.Ntlm;

/// <summary>AvId of an AV_PAIR (MS-NLMP 2.2.2.1).</summary>
public enum AvId : ushort
{
    MsvAvEOL = 0x0000,
    MsvAvNbComputerName = 0x0001,
    MsvAvNbDomainName = 0x0002,
    MsvAvDnsComputerName = 0x0003,
    MsvAvDnsDomainName = 0x0004,
    MsvAvDnsTreeName = 0x0005,
    MsvAvFlags = 0x0006,
    MsvAvTimestamp = 0x0007,
    MsvAvSingleHost = 0x0008,
    MsvAvTargetName = 0x0009,
    MsvAvChannelBindings = 0x000A,
}
