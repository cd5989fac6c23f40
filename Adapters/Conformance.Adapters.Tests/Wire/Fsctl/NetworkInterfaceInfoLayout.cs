using System.Net;
using Conformance.Adapters.Tests.Wire.InfoClasses;
using Conformance.Adapters.Wire.Fsctl;

namespace Conformance.Adapters.Tests.Wire.Fsctl;

/// <summary>
/// Two NETWORK_INTERFACE_INFO entries (2.2.32.5) built by hand from the spec layout: an IPv4
/// RSS-capable 10 Gbit/s interface and an IPv6 RSS+RDMA 1 Gbit/s one, with distinct field values.
/// </summary>
public static class NetworkInterfaceInfoLayout
{
    public static byte[] IPv4Entry(uint next) => new SpecLayout()
        .U32(next).U32(3).U32(0x00000001).U32(0).U64(10_000_000_000)
        .U16(0x0002).BigEndian16(445).Bytes(192, 168, 1, 20).Zeros(8)   // SOCKADDR_IN
        .Zeros(128 - 16)
        .ToArray();

    public static byte[] IPv6Entry(uint next) => new SpecLayout()
        .U32(next).U32(7).U32(0x00000003).U32(0).U64(1_000_000_000)
        .U16(0x0017).BigEndian16(0).BigEndian32(0x00012345)              // Family, Port, FlowInfo
        .Hex("fe80000000000000123456789abcdef0").BigEndian32(5)          // IPv6Address, ScopeId
        .Zeros(128 - 28)
        .ToArray();

    public static byte[] TwoInterfaces => [.. IPv4Entry(152), .. IPv6Entry(0)];

    public static List<NetworkInterfaceInfo> TwoInterfacesTyped() =>
    [
        new()
        {
            IfIndex = 3,
            Capability = NetworkInterfaceCapability.RssCapable,
            LinkSpeed = 10_000_000_000,
            SockAddrStorage = new SockaddrStorage { Port = 445, Address = IPAddress.Parse("192.168.1.20") },
        },
        new()
        {
            IfIndex = 7,
            Capability = NetworkInterfaceCapability.RssCapable | NetworkInterfaceCapability.RdmaCapable,
            LinkSpeed = 1_000_000_000,
            SockAddrStorage = new SockaddrStorage { FlowInfo = 0x00012345, Address = IPAddress.Parse("fe80::1234:5678:9abc:def0"), ScopeId = 5 },
        },
    ];
}
