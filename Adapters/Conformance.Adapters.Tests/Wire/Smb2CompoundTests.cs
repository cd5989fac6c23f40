using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire;

public class Smb2CompoundTests
{
    // 2.2.1: a 68-byte ECHO followed by another message is padded to 72 with zeros; NextCommand is 72.
    [Test]
    public void EncodeToAReusedBufferZeroesThePaddingItComputes()
    {
        var messages = new[]
        {
            Smb2Message.For(new EchoRequest(), new Smb2Header { MessageId = 1 }),
            Smb2Message.For(new ReadResponse { Data = new byte[] { 1, 2, 3 } }, new Smb2Header { MessageId = 2, Flags = Smb2HeaderFlags.ServerToRedir }),
        };
        var fresh = Smb2Compound.Encode(messages);
        var buffer = new byte[fresh.Length + 8];
        buffer.AsSpan().Fill(0xA5);
        var ranges = new Range[2];

        var length = Smb2Compound.EncodeTo(messages, buffer, ranges);

        Assert.Multiple(() =>
        {
            Assert.That(length, Is.EqualTo(fresh.Length));
            Assert.That(Smb2Compound.EncodedLength(messages), Is.EqualTo(fresh.Length));
            Assert.That(buffer[68..72], Is.EqualTo(new byte[4]), "the computed padding");
            Assert.That(buffer.AsSpan(20, 4).ToArray(), Is.EqualTo(new byte[] { 72, 0, 0, 0 }), "NextCommand");
            Assert.That(buffer[..length], Is.EqualTo(fresh));
            Assert.That(buffer[length..], Is.All.EqualTo(0xA5), "bytes past the packet are left alone");
            Assert.That(ranges, Is.EqualTo(new[] { new Range(0, 72), new Range(72, length) }));
        });
    }

    [Test]
    public void EncodeToRefusesADestinationShorterThanThePacket()
    {
        var messages = new[] { Smb2Message.For(new EchoRequest()) };
        Assert.That(() => Smb2Compound.EncodeTo(messages, new byte[Smb2Header.Size + 3], new Range[1]), Throws.ArgumentException);
    }
}
