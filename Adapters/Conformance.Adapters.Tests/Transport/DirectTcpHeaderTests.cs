using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Tests.Transport;

public class DirectTcpHeaderTests
{
    // MS-SMB2 2.1: Zero (0x00), then StreamProtocolLength in network byte order.
    [TestCase(0, new byte[] { 0x00, 0x00, 0x00, 0x00 })]
    [TestCase(0x48, new byte[] { 0x00, 0x00, 0x00, 0x48 })]
    [TestCase(0x01_0000, new byte[] { 0x00, 0x01, 0x00, 0x00 })]
    [TestCase(0x12_3456, new byte[] { 0x00, 0x12, 0x34, 0x56 })]
    [TestCase(0xFF_FFFF, new byte[] { 0x00, 0xFF, 0xFF, 0xFF })]
    public void WritesZeroByteThenBigEndianLength(int length, byte[] expected)
    {
        var header = new byte[DirectTcpHeader.Size];
        DirectTcpHeader.Write(header, length);
        Assert.That(header, Is.EqualTo(expected));
        Assert.That(DirectTcpHeader.Read(header), Is.EqualTo((uint)length));
    }

    [Test]
    public void RefusesALengthThe24BitFieldCannotCarry()
    {
        var header = new byte[DirectTcpHeader.Size];
        Assert.That(() => DirectTcpHeader.Write(header, 0x100_0000), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
