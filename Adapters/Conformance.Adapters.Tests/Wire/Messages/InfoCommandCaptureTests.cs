using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>Every IOCTL, QUERY_DIRECTORY, QUERY_INFO, SET_INFO and CHANGE_NOTIFY message of the plain captures.</summary>
public class InfoCommandCaptureTests
{
    [TestCaseSource(typeof(InfoCommandCaptures), nameof(InfoCommandCaptures.Cases))]
    public void DecodesAndReEncodesByteIdentically(string capture, int frame, int position)
    {
        var message = InfoCommandCaptures.Find(capture, frame, position);
        var decoded = InfoCommandCaptures.Decode(message.Slice);
        Assert.That(decoded.IsSuccess, Is.True, decoded.ToString);
        Assert.That(decoded.Value!.Encode(), Is.EqualTo(message.Slice.Bytes.ToArray()));
    }

    // Counted from the captures with an independent script: requests and non-failure responses per command.
    [TestCase(Smb2Command.Ioctl, false, 7)]
    [TestCase(Smb2Command.Ioctl, true, 4)]
    [TestCase(Smb2Command.QueryDirectory, false, 12)]
    [TestCase(Smb2Command.QueryDirectory, true, 6)]
    [TestCase(Smb2Command.QueryInfo, false, 6)]
    [TestCase(Smb2Command.QueryInfo, true, 6)]
    public void TheCapturesHoldTheExpectedMessages(Smb2Command command, bool response, int count)
    {
        Assert.That(InfoCommandCaptures.All().Count(m => m.Header.Command == command && m.Header.IsResponse == response), Is.EqualTo(count));
    }

    // Random byte flips over real messages: a decoder returns a value or a DecodeError, never throws.
    [Test]
    public void MutatedCapturedMessagesNeverThrow()
    {
        var random = new Random(20240611);
        foreach (var message in InfoCommandCaptures.All())
        {
            var original = message.Slice.Bytes.ToArray();
            for (var round = 0; round < 200; round++)
            {
                var bytes = (byte[])original.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(Smb2Header.Size, bytes.Length)] = (byte)random.Next(256);
                }
                var slice = new MessageSlice(message.Header, bytes, 0);
                Assert.DoesNotThrow(() => InfoCommandCaptures.Decode(slice), message.ToString());
            }
        }
    }
}
