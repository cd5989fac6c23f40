using System.Net;
using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Tests.Transport;

public class FrameRecorderTests
{
    [Test]
    public void DumpOfTheLastFramesIsTheTailOfTheWholeDump()
    {
        var recorder = new FrameRecorder();
        for (var i = 0; i < 5; i++)
        {
            recorder.Record(i % 2 == 0 ? FrameDirection.Sent : FrameDirection.Received, new byte[] { 0xFE, (byte)'S', (byte)'M', (byte)'B', (byte)i }, "a -> b");
        }
        var whole = recorder.Dump(bytes => $"frame {bytes.Span[4]}").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var last = recorder.Dump(bytes => $"frame {bytes.Span[4]}", lastFrames: 2).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(whole, Has.Length.EqualTo(5));
        Assert.That(last, Is.EqualTo(whole[3..]));
        Assert.That(recorder.Dump(lastFrames: 0), Is.Empty);
    }

    [Test]
    public async Task RecordsEveryFrameInWireOrderWithDirectionAndExactBytes()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        var echo = EchoAsync(listener, bound.Token);
        var recorder = new FrameRecorder();
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Frames.ShortTimeouts(recorder), bound.Token);
        var first = Frames.Pattern(70, seed: 1);
        var second = Frames.Pattern(5, seed: 2);
        byte[] raw = [0x00, 0x00, 0x00, 0x05, .. second];

        await client.SendAsync(first, bound.Token);
        await client.ReceiveAsync(bound.Token);
        await client.SendRawAsync(raw, bound.Token);
        await client.ReceiveAsync(bound.Token);

        var frames = recorder.Frames;
        Assert.That(frames.Select(f => (f.Sequence, f.Direction, f.Unframed)), Is.EqualTo(new[]
        {
            (0L, FrameDirection.Sent, false),
            (1L, FrameDirection.Received, false),
            (2L, FrameDirection.Sent, true),
            (3L, FrameDirection.Received, false),
        }));
        Assert.That(frames.Select(f => f.Bytes.ToArray()), Is.EqualTo(new[] { first, first, raw, second }));
        Assert.That(frames.Select(f => f.Connection), Is.All.EqualTo(client.Connection));
        Assert.That(frames.Select(f => f.StopwatchTimestamp), Is.Ordered);
        Assert.That(frames.Select(f => f.UtcTimestamp.Kind), Is.All.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public void KeepsACopyNotTheCallersBuffer()
    {
        var recorder = new FrameRecorder();
        var bytes = new byte[] { 1, 2, 3 };
        recorder.Record(FrameDirection.Sent, bytes);
        bytes[0] = 9;
        Assert.That(recorder.Frames[0].Bytes.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void KeepsOnlyTheFirst64KiBOfALargerFrameAndNotesItsRealLength()
    {
        var recorder = new FrameRecorder();
        var large = Frames.Pattern(200_000, seed: 3);
        var exact = Frames.Pattern(FrameRecorder.DefaultMaxBytesPerFrame, seed: 4);

        recorder.Record(FrameDirection.Received, large);
        recorder.Record(FrameDirection.Sent, exact);

        var frames = recorder.Frames;
        Assert.That(frames[0].Bytes.ToArray(), Is.EqualTo(large[..65536]));
        Assert.That((frames[0].Length, frames[0].IsTruncated), Is.EqualTo((200_000, true)));
        Assert.That(frames[1].Bytes.ToArray(), Is.EqualTo(exact), "a frame of exactly the bound is kept whole");
        Assert.That((frames[1].Length, frames[1].IsTruncated), Is.EqualTo((65536, false)));
        Assert.That(recorder.Dump(), Does.Contain("  200000 B").And.Contain("(first 65536 B kept)"));
        Assert.That(recorder.Dump().Split('\n')[1], Does.Not.Contain("kept"));
    }

    [Test]
    public void AnUnboundedRecorderKeepsEveryFrameWhole()
    {
        var recorder = new FrameRecorder(int.MaxValue);
        var large = Frames.Pattern(200_000, seed: 5);
        recorder.Record(FrameDirection.Sent, large);
        Assert.That(recorder.Frames[0].Bytes.ToArray(), Is.EqualTo(large));
        Assert.That(recorder.Frames[0].IsTruncated, Is.False);
    }

    [Test]
    public void ARecordedLengthBelowTheBytesKeptIsRejected() =>
        Assert.That(() => new RecordedFrame(0, DateTime.UtcNow, 0, FrameDirection.Sent, false, "", new byte[10]) { Length = 9 }, Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void SnapshotDoesNotChangeWhenMoreFramesAreRecorded()
    {
        var recorder = new FrameRecorder();
        recorder.Record(FrameDirection.Sent, [1]);
        var snapshot = recorder.Frames;
        recorder.Record(FrameDirection.Received, [2]);
        Assert.That(snapshot, Has.Count.EqualTo(1));
        Assert.That(recorder.Frames, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ConcurrentRecordingLosesNothingAndNumbersEachFrameOnce()
    {
        var recorder = new FrameRecorder();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                recorder.Record(FrameDirection.Sent, [(byte)writer]);
            }
        })));
        var frames = recorder.Frames;
        Assert.That(frames.Select(f => f.Sequence), Is.EqualTo(Enumerable.Range(0, 4000).Select(i => (long)i)));
        Assert.That(frames.Count(f => f.Bytes.Span[0] == 3), Is.EqualTo(500));
    }

    [Test]
    public void DumpHasOneLinePerFrameWithDirectionLengthHexAndSummary()
    {
        var recorder = new FrameRecorder();
        recorder.Record(FrameDirection.Sent, [0xFE, 0x53, 0x4D, 0x42, 0x40, 0x00], "a -> b");
        recorder.Record(FrameDirection.Received, new byte[40], "a -> b");
        recorder.Record(FrameDirection.Sent, [0x00, 0x00], "a -> b", unframed: true);

        var lines = recorder.Dump(bytes => $"summary of {bytes.Length}").TrimEnd('\n').Split('\n');

        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Does.Match(@"^   0 \d\d:\d\d:\d\d\.\d{6}Z \+ +0\.000 ms send +6 B  fe534d42 4000 +\[a -> b\]  summary of 6$"));
        Assert.That(lines[1], Does.Contain("recv ").And.Contain("40 B  00000000 00000000 00000000 00000000 …").And.EndWith("summary of 40"));
        Assert.That(lines[2], Does.Contain("send-raw").And.Contain(" 2 B  0000 "));
    }

    [Test]
    public void DumpSurvivesASummaryThatThrows()
    {
        var recorder = new FrameRecorder();
        recorder.Record(FrameDirection.Received, [1, 2, 3]);
        var dump = recorder.Dump(_ => throw new InvalidOperationException("not an SMB2 header"));
        Assert.That(dump, Does.Contain("(summary failed: InvalidOperationException: not an SMB2 header)"));
    }

    [Test]
    public void HexDumpShowsOffsetHexAndAscii()
    {
        byte[] bytes = [0xFE, .. "SMB@ is a header, and more"u8];
        var expected =
            "00000000  fe 53 4d 42 40 20 69 73  20 61 20 68 65 61 64 65  |.SMB@ is a heade|\n" +
            "00000010  72 2c 20 61 6e 64 20 6d  6f 72 65                 |r, and more|\n";
        Assert.That(HexDump.Format(bytes), Is.EqualTo(expected));
    }

    private static async Task EchoAsync(DirectTcpListener listener, CancellationToken token)
    {
        await using var server = await listener.AcceptAsync(token);
        await foreach (var message in server.ReceiveAllAsync(TimeSpan.FromSeconds(5), token))
        {
            await server.SendAsync(message, token);
        }
    }
}
