using Conformance.Adapters.Client;
using Conformance.Adapters.Tests.Transport;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

/// <summary>A large WRITE sent from the caller's memory puts on the wire exactly the bytes of the one-packet encoding.</summary>
public class BulkWriteTests
{
    private static readonly FileId File = new(0x1122334455667788, 0x99AABBCCDDEEFF00);

    [TestCase(64 * 1024 - 1, TestName = "just under the bulk size: one packet")]
    [TestCase(64 * 1024, TestName = "at the bulk size: header then data")]
    [TestCase(200_003, TestName = "odd length well over it")]
    public async Task TheServerReceivesTheEncodedMessageAndSentBytesHoldsIt(int length)
    {
        var data = Frames.Pattern(length, seed: 7);
        var received = new ReceivedFrame();
        await using var server = RefusingOneRequest(received);
        await using var connection = await server.ConnectAsync();
        var write = new WriteRequest { FileId = File, Offset = 0x10000, RemainingBytes = 3, Flags = WriteFlags.WriteThrough, Data = data };

        var pending = (await connection.PostAsync([new Smb2Request(Smb2Message.For(write))]))[0]!;
        var response = await pending.WaitAsync();
        await server.CompletionAsync();

        var encoded = Smb2Compound.Encode([pending.Message]);
        Assert.That(received.Bytes, Is.EqualTo(encoded), "the wire bytes are those of the one-packet encoding");
        Assert.That(pending.SentBytes.ToArray(), Is.EqualTo(encoded));
        Assert.That(response.Status, Is.EqualTo(NtStatus.AccessDenied));
        var sent = connection.Recorder.Frames.Single(frame => frame.Direction == FrameDirection.Sent);
        Assert.That(sent.Length, Is.EqualTo(encoded.Length));
        Assert.That(sent.Bytes.ToArray(), Is.EqualTo(encoded[..Math.Min(encoded.Length, FrameRecorder.DefaultMaxBytesPerFrame)]));
    }

    [Test]
    public async Task AnOverriddenDataOffsetGoesOutAsWritten()
    {
        var data = Frames.Pattern(100_000, seed: 8);
        var received = new ReceivedFrame();
        await using var server = RefusingOneRequest(received);
        await using var connection = await server.ConnectAsync();
        var write = new WriteRequest { FileId = File, Data = data, DataOffset = 0x78 };

        var pending = (await connection.PostAsync([new Smb2Request(Smb2Message.For(write))]))[0]!;
        await pending.WaitAsync();
        await server.CompletionAsync();

        Assert.That(received.Bytes, Is.EqualTo(Smb2Compound.Encode([pending.Message])));
        Assert.That(received.Bytes![Smb2Header.Size + 2], Is.EqualTo(0x78));
    }

    /// <summary>A scripted server that keeps the one frame it receives and refuses its request with STATUS_ACCESS_DENIED.</summary>
    private static ScriptedServer RefusingOneRequest(ReceivedFrame received) => Start(async (peer, token) =>
    {
        var frame = await peer.ReceiveAsync(TimeSpan.FromSeconds(5), token);
        received.Bytes = frame.ToArray();
        var request = Smb2Header.Read(frame.Span).Unwrap();
        await peer.SendAsync(new Smb2Message(ResponseHeader(request, NtStatus.AccessDenied), ErrorBody(Smb2Command.Write)).Encode(), token);
    });

    private sealed class ReceivedFrame
    {
        public byte[]? Bytes { get; set; }
    }
}
