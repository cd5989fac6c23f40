using System.Text;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// No SMB1 negotiate is in the captures: the golden message is built by hand from the SMB_Header of
/// MS-CIFS 2.2.3.1 / MS-SMB 2.2.3.1 and the SMB_COM_NEGOTIATE request of MS-CIFS 2.2.4.52.1, with
/// the dialect strings MS-SMB2 3.3.5.3 looks for.
/// </summary>
public class Smb1NegotiateRequestTests
{
    private static readonly byte[] Header = Convert.FromHexString(
        "FF534D42" + "72" + "00000000" + "18" + "01C8" + "0000" + "0000000000000000" + "0000" + // Protocol .. Reserved
        "FFFF" + "3412" + "0000" + "0100");                                                      // TID, PIDLow, UID, MID

    private static byte[] Dialect(string name) => [0x02, .. Encoding.ASCII.GetBytes(name), 0x00];

    private static readonly byte[] Message =
        [.. Header, 0x00, 0x22, 0x00, .. Dialect("NT LM 0.12"), .. Dialect("SMB 2.002"), .. Dialect("SMB 2.???")];

    [Test]
    public void Encodes()
    {
        var request = new Smb1NegotiateRequest { TID = 0xFFFF, PIDLow = 0x1234, MID = 1 };
        Assert.That(request.Encode(), Is.EqualTo(Message));
    }

    [Test]
    public void Decodes()
    {
        var request = Smb1NegotiateRequest.Read(Message).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.DialectStrings, Is.EqualTo(new[] { "NT LM 0.12", "SMB 2.002", "SMB 2.???" }));
            Assert.That(request.Dialects.Select(dialect => dialect.BufferFormat), Is.All.EqualTo(0x02));
            Assert.That(request.Flags, Is.EqualTo(0x18));
            Assert.That(request.Flags2, Is.EqualTo(0xC801));
            Assert.That(request.TID, Is.EqualTo(0xFFFF));
            Assert.That(request.PIDLow, Is.EqualTo(0x1234));
            Assert.That(request.MID, Is.EqualTo(1));
            Assert.That(request.Words.IsEmpty, Is.True);
            Assert.That(request.Encode(), Is.EqualTo(Message));
        });
    }

    [Test]
    public void EveryFieldCanBeOverridden()
    {
        var request = new Smb1NegotiateRequest
        {
            Command = 0x73,
            WordCount = 3,
            ByteCount = 1,
            Dialects = [new Smb1Dialect("SMB 2.???", 0x04)],
            SecurityFeatures = [1, 2, 3, 4, 5, 6, 7, 8],
        };
        var bytes = request.Encode();
        Assert.Multiple(() =>
        {
            Assert.That(bytes[4], Is.EqualTo(0x73));
            Assert.That(bytes[14..22], Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
            Assert.That(bytes[32..36], Is.EqualTo(new byte[] { 3, 1, 0, 0x04 }));
        });
    }

    [Test]
    public void EveryTruncationIsADecodeError()
    {
        for (var length = 0; length < Message.Length; length++)
        {
            Assert.That(Smb1NegotiateRequest.Read(Message.AsMemory(0, length)).IsSuccess, Is.False, $"length {length}");
        }
    }

    [TestCase(0, (byte)0xFE, "Protocol", TestName = "An SMB2 ProtocolId")]
    [TestCase(4, (byte)0x73, "Command", TestName = "Command other than SMB_COM_NEGOTIATE")]
    [TestCase(32, (byte)0x40, "WordCount", TestName = "WordCount past the end")]
    [TestCase(34, (byte)0xFF, "ByteCount", TestName = "ByteCount past the end")]
    [TestCase(68, (byte)0x3F, "Dialects[2].DialectString", TestName = "Last dialect without its terminator")]
    public void MalformedInputIsADecodeError(int offset, byte value, string field)
    {
        var result = Smb1NegotiateRequest.Read(Golden.Patched(Message, offset, value));
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void NoByteChangeThrows()
    {
        foreach (var value in new byte[] { 0x00, 0x7F, 0x80, 0xFF })
        {
            for (var offset = 0; offset < Message.Length; offset++)
            {
                var changed = Golden.Patched(Message, offset, value);
                Assert.DoesNotThrow(() => Smb1NegotiateRequest.Read(changed), $"byte {offset} set to 0x{value:X2}");
            }
        }
    }
}
