using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Wire;

public class Smb2HeaderTests
{
    // First NEGOTIATE request of the SMB3 capture: header fields as Wireshark shows them.
    [Test]
    public void ReadsTheNegotiateRequestHeaderOfARealCapture()
    {
        var frame = Capture.Load("smbclient-SMB3").Frames[0];
        var header = Smb2Header.Read(frame.Bytes).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(header.Command, Is.EqualTo(Smb2Command.Negotiate));
            Assert.That(header.CreditRequestResponse, Is.EqualTo(31));
            Assert.That(header.MessageId, Is.Zero);
            Assert.That(header.IsResponse, Is.False);
            Assert.That(header.NextCommand, Is.Zero);
        });
    }

    [TestCaseSource(nameof(AllFramesOfAllCaptures))]
    public void EveryPlainHeaderOfTheCapturesReEncodesByteIdentically(string capture, int index)
    {
        var bytes = Capture.Load(capture).Frames[index].Bytes;
        var header = Smb2Header.Read(bytes).Unwrap();
        var written = new byte[Smb2Header.Size];
        header.WriteTo(written);
        Assert.That(written, Is.EqualTo(bytes[..Smb2Header.Size]));
    }

    [Test]
    public void AsyncFormCarriesAsyncIdInsteadOfTreeId()
    {
        var header = new Smb2Header { Flags = Smb2HeaderFlags.AsyncCommand | Smb2HeaderFlags.ServerToRedir, AsyncId = 0x1122334455667788, TreeId = 7 };
        var bytes = new byte[Smb2Header.Size];
        header.WriteTo(bytes);
        Assert.That(bytes[32..40], Is.EqualTo(new byte[] { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 }));
        Assert.That(Smb2Header.Read(bytes).Unwrap().AsyncId, Is.EqualTo(0x1122334455667788));
    }

    [Test]
    public void RejectsAWrongProtocolIdWithATypedError()
    {
        var bytes = new byte[Smb2Header.Size];
        new Smb2Header().WriteTo(bytes);
        bytes[0] = 0xFF;
        var result = Smb2Header.Read(bytes);
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Field, Is.EqualTo("ProtocolId"));
        Assert.That(result.Error.Clause, Is.EqualTo("2.2.1"));
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        var bytes = new byte[Smb2Header.Size];
        new Smb2Header().WriteTo(bytes);
        for (var length = 0; length < Smb2Header.Size; length++)
        {
            Assert.That(Smb2Header.Read(bytes.AsSpan(0, length)).IsSuccess, Is.False, $"length {length}");
        }
    }

    public static IEnumerable<TestCaseData> AllFramesOfAllCaptures() => Capture.AllFrames(plainOnly: true);
}
