using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Tests.Wire.Fsctl;

public class NetworkInterfaceInfoTests
{
    [Test]
    public void EncodesTwoChainedInterfaces()
    {
        Assert.That(ChainedEntries.Encode(NetworkInterfaceInfoLayout.TwoInterfacesTyped()), Is.EqualTo(NetworkInterfaceInfoLayout.TwoInterfaces));
    }

    [Test]
    public void DecodesTwoChainedInterfaces()
    {
        var interfaces = ChainedEntries.Read<NetworkInterfaceInfo>(NetworkInterfaceInfoLayout.TwoInterfaces).Unwrap();
        Assert.That(interfaces, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(interfaces[0].IfIndex, Is.EqualTo(3));
            Assert.That(interfaces[0].Capability, Is.EqualTo(NetworkInterfaceCapability.RssCapable));
            Assert.That(interfaces[0].LinkSpeed, Is.EqualTo(10_000_000_000));
            Assert.That(interfaces[0].SockAddrStorage.Family, Is.Null, "InterNetwork is the computed family of an IPv4 address");
            Assert.That(interfaces[0].SockAddrStorage.Port, Is.EqualTo(445));
            Assert.That(interfaces[0].SockAddrStorage.Address.ToString(), Is.EqualTo("192.168.1.20"));
            Assert.That(interfaces[1].IfIndex, Is.EqualTo(7));
            Assert.That(interfaces[1].Capability, Is.EqualTo(NetworkInterfaceCapability.RssCapable | NetworkInterfaceCapability.RdmaCapable));
            Assert.That(interfaces[1].LinkSpeed, Is.EqualTo(1_000_000_000));
            Assert.That(interfaces[1].SockAddrStorage.FlowInfo, Is.EqualTo(0x00012345));
            Assert.That(interfaces[1].SockAddrStorage.ScopeId, Is.EqualTo(5));
            Assert.That(interfaces[1].SockAddrStorage.Address.ToString(), Is.EqualTo("fe80::1234:5678:9abc:def0"));
        });
        Assert.That(ChainedEntries.Encode(interfaces), Is.EqualTo(NetworkInterfaceInfoLayout.TwoInterfaces));
    }

    [Test]
    public void KeepsNonZeroReservedBytesOfTheSocketAddress()
    {
        var bytes = NetworkInterfaceInfoLayout.TwoInterfaces;
        bytes[24 + 127] = 0x5A;
        var interfaces = ChainedEntries.Read<NetworkInterfaceInfo>(bytes).Unwrap();
        Assert.That(interfaces[0].SockAddrStorage.Reserved, Is.Not.Null);
        Assert.That(ChainedEntries.Encode(interfaces), Is.EqualTo(bytes));
    }

    // A zero Next ends the list: the bytes after the first entry are kept as its padding, so re-encoding is faithful.
    [Test]
    public void ZeroNextEndsTheList()
    {
        var bytes = NetworkInterfaceInfoLayout.TwoInterfaces;
        bytes[0] = 0;
        var interfaces = ChainedEntries.Read<NetworkInterfaceInfo>(bytes).Unwrap();
        Assert.That(interfaces, Has.Count.EqualTo(1));
        Assert.That(interfaces[0].Padding!.Value.Length, Is.EqualTo(152));
        Assert.That(ChainedEntries.Encode(interfaces), Is.EqualTo(bytes));
    }

    [TestCase(304u)]          // points at the buffer's end
    [TestCase(0xFFFFFF98u)]   // wraps around to point backwards
    [TestCase(156u)]          // not 8-byte aligned
    [TestCase(144u)]          // backwards, inside the first entry
    public void RejectsABadNext(uint next)
    {
        var bytes = NetworkInterfaceInfoLayout.TwoInterfaces;
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), next);
        var result = ChainedEntries.Read<NetworkInterfaceInfo>(bytes);
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Clause, Is.EqualTo("2.2.32.5"));
    }

    [Test]
    public void RejectsAnUnknownAddressFamily()
    {
        var bytes = NetworkInterfaceInfoLayout.TwoInterfaces;
        bytes[152 + 24] = 0x1E;
        var result = ChainedEntries.Read<NetworkInterfaceInfo>(bytes);
        Assert.That(result.Error?.Field, Is.EqualTo("Family"));
        Assert.That(result.Error!.Offset, Is.EqualTo(152 + 24));
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        var bytes = NetworkInterfaceInfoLayout.TwoInterfaces;
        for (var length = 1; length < bytes.Length; length++)
        {
            Assert.That(ChainedEntries.Read<NetworkInterfaceInfo>(bytes.AsMemory(0, length)).IsSuccess, Is.False, $"length {length}");
        }
        Assert.That(ChainedEntries.Read<NetworkInterfaceInfo>(bytes.AsMemory(0, 152)).Error?.Field, Is.EqualTo("Next"));
    }
}
