using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// Every CREATE, CLOSE, FLUSH, READ, WRITE, LOCK and OPLOCK_BREAK message of the plain captures
/// decodes and re-encodes to the identical packet (transform frames are left out for now).
/// </summary>
public class FileCommandCaptureRoundTripTests
{
    private static readonly Smb2Command[] Covered =
        [Smb2Command.Create, Smb2Command.Close, Smb2Command.Flush, Smb2Command.Read, Smb2Command.Write, Smb2Command.Lock, Smb2Command.OplockBreak];

    [TestCaseSource(nameof(FramesWithCoveredCommands))]
    public void DecodesAndReEncodesByteIdentically(string capture, int index)
    {
        var bytes = Capture.Load(capture).Frames[index].Bytes;
        var slices = Smb2Compound.Split(bytes).Unwrap();
        var messages = new List<Smb2Message>();
        foreach (var slice in slices)
        {
            if (!IsCovered(slice))
            {
                messages.Add(Raw(slice));
                continue;
            }
            var decoded = Decode(slice);
            Assert.That(decoded.IsSuccess, Is.True, $"{slice.Header}: {decoded}");
            messages.Add(decoded.Value!);
        }
        Assert.That(Smb2Compound.Encode(messages), Is.EqualTo(bytes));
    }

    [Test]
    public void ThePlainCapturesHoldTheExpectedMessages()
    {
        var counts = new Dictionary<string, int>();
        foreach (var data in FramesWithCoveredCommands())
        {
            var bytes = Capture.Load((string)data.Arguments[0]!).Frames[(int)data.Arguments[1]!].Bytes;
            foreach (var slice in Smb2Compound.Split(bytes).Unwrap().Where(IsCovered))
            {
                var key = $"{slice.Header.Command} {(slice.Header.IsResponse ? "Response" : "Request")}";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        // 3 plain captures, each: 6 creates, 6 closes, 1 write, 1 read.
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int>
        {
            ["Create Request"] = 18, ["Create Response"] = 18,
            ["Close Request"] = 18, ["Close Response"] = 18,
            ["Write Request"] = 3, ["Write Response"] = 3,
            ["Read Request"] = 3, ["Read Response"] = 3,
        }));
    }

    private static bool IsCovered(MessageSlice slice) =>
        Covered.Contains(slice.Header.Command) && !IsErrorResponse(slice);

    // An error response carries the ERROR body (2.2.2), not the command's.
    private static bool IsErrorResponse(MessageSlice slice) =>
        slice.Header.IsResponse && NtStatus.IsError(slice.Header.Status) && slice.Bytes.Length >= Smb2Header.Size + 2
        && slice.Bytes.Span[Smb2Header.Size] == 9 && slice.Bytes.Span[Smb2Header.Size + 1] == 0;

    private static Smb2Message Raw(MessageSlice slice) =>
        new(slice.Header, new RawBody(slice.Header.Command, slice.Bytes[Smb2Header.Size..])) { Padding = ReadOnlyMemory<byte>.Empty, NextCommand = slice.Header.NextCommand };

    private static DecodeResult<Smb2Message> Decode(MessageSlice slice)
    {
        var response = slice.Header.IsResponse;
        return slice.Header.Command switch
        {
            Smb2Command.Create => response ? slice.ReadAs<CreateResponse>() : slice.ReadAs<CreateRequest>(),
            Smb2Command.Close => response ? slice.ReadAs<CloseResponse>() : slice.ReadAs<CloseRequest>(),
            Smb2Command.Flush => response ? slice.ReadAs<FlushResponse>() : slice.ReadAs<FlushRequest>(),
            Smb2Command.Read => response ? slice.ReadAs<ReadResponse>() : slice.ReadAs<ReadRequest>(),
            Smb2Command.Write => response ? slice.ReadAs<WriteResponse>() : slice.ReadAs<WriteRequest>(),
            Smb2Command.Lock => response ? slice.ReadAs<LockResponse>() : slice.ReadAs<LockRequest>(),
            Smb2Command.OplockBreak => OplockBreak.Read(slice.Bytes).Map(slice.WithBody),
            _ => throw new ArgumentOutOfRangeException(nameof(slice), slice.Header.Command, "not a covered command"),
        };
    }

    public static IEnumerable<TestCaseData> FramesWithCoveredCommands() =>
        Capture.AllFrames(plainOnly: true).Where(data =>
        {
            var bytes = Capture.Load((string)data.Arguments[0]!).Frames[(int)data.Arguments[1]!].Bytes;
            var slices = Smb2Compound.Split(bytes);
            return slices.IsSuccess && slices.Value.Any(IsCovered);
        });
}
