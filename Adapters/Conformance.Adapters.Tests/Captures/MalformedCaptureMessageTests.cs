using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Captures;

/// <summary>
/// Every real message, cut short at every byte and with single bytes changed, read through the
/// same path a received packet takes (Split, then the catalog): a typed DecodeError or a value,
/// never an exception — and a cut that removes part of the body is always an error.
/// </summary>
public class MalformedCaptureMessageTests
{
    public static IEnumerable<TestCaseData> Messages() =>
        from name in Capture.Names
        let session = CaptureSession.Open(name)
        from frame in session.Capture.Frames
        from slice in Smb2Compound.Split(session.PlainPacket(frame)).Unwrap()
        select new TestCaseData(slice.Bytes.ToArray()).SetArgDisplayNames(name, frame.Index.ToString(), slice.Header.Command.ToString(), slice.Header.IsResponse ? "response" : "request");

    [TestCaseSource(nameof(Messages))]
    public void EveryTruncationIsATypedErrorOnceItCutsIntoTheBody(byte[] message)
    {
        var bodySize = Read(message).Unwrap().Body.Size;
        for (var length = 0; length < message.Length; length++)
        {
            var truncated = message.AsMemory(0, length);
            var result = Read(truncated);
            if (length < Smb2Header.Size + bodySize)
            {
                Assert.That(result.IsSuccess, Is.False, $"cut to {length} of {message.Length} bytes (body ends at {Smb2Header.Size + bodySize}) still decoded");
                Assert.That(result.Error!.Clause, Is.Not.Empty);
            }
        }
    }

    [TestCaseSource(nameof(Messages))]
    public void NoSingleByteChangeMakesTheReaderThrow(byte[] message)
    {
        var copy = message.ToArray();
        foreach (var value in new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF })
        {
            for (var position = 0; position < copy.Length; position++)
            {
                var original = copy[position];
                copy[position] = value;
                Assert.DoesNotThrow(() => Read(copy), $"byte {position} set to 0x{value:X2}");
                copy[position] = original;
            }
        }
    }

    private static DecodeResult<Smb2Message> Read(ReadOnlyMemory<byte> message)
    {
        var slices = Smb2Compound.Split(message);
        return slices.IsSuccess ? Smb2MessageCatalog.Read(slices.Value[0]) : slices.Error;
    }
}
