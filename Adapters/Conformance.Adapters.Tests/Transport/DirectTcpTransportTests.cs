using System.Net;
using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Tests.Transport;

public class DirectTcpTransportTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(64 * 1024)]
    [TestCase(8 * 1024 * 1024)]
    public async Task MessageComesBackIdenticalFromAnEchoServer(int length)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), TransportOptions.Default);
        var echo = EchoOneConnectionAsync(listener, bound.Token);
        var message = Frames.Pattern(length, seed: length);

        await using (var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, TransportOptions.Default, bound.Token))
        {
            await client.SendAsync(message, bound.Token);
            var echoed = await client.ReceiveAsync(TimeSpan.FromSeconds(30), bound.Token);
            // SequenceEqual, not Is.EqualTo: an element-wise constraint over 8 MiB takes seconds on a loaded machine.
            Assert.That(echoed.Length, Is.EqualTo(message.Length));
            Assert.That(echoed.Span.SequenceEqual(message), Is.True, "echoed bytes differ from those sent");
        }

        // The client's close is a clean close at a frame boundary: the server's loop ends without error.
        Assert.That(await echo.WaitAsync(TimeSpan.FromSeconds(30), bound.Token), Is.EqualTo(1));
    }

    [Test]
    public async Task RawBytesInTwoPiecesArriveAsOneFrame()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        var echo = EchoOneConnectionAsync(listener, bound.Token);
        var message = Frames.Pattern(300, seed: 7);
        byte[] wire = [0x00, 0x00, 0x01, 0x2C, .. message];

        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Frames.ShortTimeouts(), bound.Token);
        await client.SendRawAsync(wire.AsMemory(0, 2), bound.Token);
        await client.SendRawAsync(wire.AsMemory(2), bound.Token);

        var echoed = await client.ReceiveAsync(bound.Token);
        Assert.That(echoed.ToArray(), Is.EqualTo(message));
    }

    [Test]
    public async Task SeveralFramesAreReadInOrder()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        var echo = EchoOneConnectionAsync(listener, bound.Token);
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Frames.ShortTimeouts(), bound.Token);

        var messages = Enumerable.Range(1, 20).Select(i => Frames.Pattern(i * 37, seed: i)).ToArray();
        foreach (var message in messages)
        {
            await client.SendAsync(message, bound.Token);
        }
        foreach (var message in messages)
        {
            Assert.That((await client.ReceiveAsync(bound.Token)).ToArray(), Is.EqualTo(message));
        }
    }

    [Test]
    public async Task PooledFramesFromTheMinimumOnArriveIntactAndGoBackToThePool()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        var echo = EchoOneConnectionAsync(listener, bound.Token);
        var options = Frames.ShortTimeouts() with { PooledReceiveMinimum = 100 };
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, options, bound.Token);

        // 99 bytes: an array of its own; 100 and 3000: pooled arrays, which may be longer than the message.
        foreach (var length in new[] { 99, 100, 3000, 3000 })
        {
            var message = Frames.Pattern(length, seed: length);
            await client.SendAsync(message, bound.Token);
            var echoed = await client.ReceiveAsync(bound.Token);
            Assert.That(echoed.ToArray(), Is.EqualTo(message), $"{length} bytes");
            Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(echoed, out var segment), Is.True);
            Assert.That(segment.Array!.Length, length < 100 ? Is.EqualTo(length) : Is.EqualTo(System.Buffers.ArrayPool<byte>.Shared.Rent(length).Length), $"{length} bytes");
            client.ReturnReceived(echoed);
        }
    }

    [TestCase(10, 0)]
    [TestCase(10, 70 * 1024)]
    public async Task HeadAndTailGoOutAsOneMessageAndAreRecordedAsOne(int headLength, int tailLength)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        var echo = EchoOneConnectionAsync(listener, bound.Token);
        var recorder = new FrameRecorder(maxBytesPerFrame: 64);
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Frames.ShortTimeouts() with { Recorder = recorder }, bound.Token);
        var whole = Frames.Pattern(headLength + tailLength, seed: 3);

        await client.SendAsync(whole.AsMemory(0, headLength), whole.AsMemory(headLength), bound.Token);
        var echoed = await client.ReceiveAsync(bound.Token);

        Assert.That(echoed.Span.SequenceEqual(whole), Is.True, "the peer gets head then tail as one message");
        var sent = recorder.Frames.Single(frame => frame.Direction == FrameDirection.Sent);
        Assert.That(sent.Length, Is.EqualTo(whole.Length));
        Assert.That(sent.Bytes.ToArray(), Is.EqualTo(whole[..Math.Min(64, whole.Length)]), "the recorder keeps the frame's first bytes, across head and tail");
    }

    [Test]
    public async Task SendRefusesAMessageThe24BitLengthCannotAnnounce()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.Silent);
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        Assert.That(async () => await client.SendAsync(new byte[DirectTcpHeader.MaxStreamProtocolLength + 1], bound.Token),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("SendRawAsync"));
        Assert.That(client.IsOpen, Is.True);
    }

    [Test]
    public async Task DisposeEndsAPendingReceiveAndThePeerSeesTheClose()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        var accepted = listener.AcceptAsync(bound.Token);
        var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Frames.ShortTimeouts(), bound.Token);
        await using var server = await accepted;

        var pending = client.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token).AsTask();
        await client.DisposeAsync();

        var local = Assert.ThrowsAsync<TransportException>(async () => await pending);
        Assert.That(local!.Kind, Is.EqualTo(TransportErrorKind.ClosedLocally));
        var remote = Assert.ThrowsAsync<TransportException>(async () => await server.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token));
        Assert.That(remote!.Kind, Is.EqualTo(TransportErrorKind.PeerClosed));
        Assert.That(remote.Message, Does.StartWith($"connection closed by peer {client.LocalEndPoint}"));
    }

    [Test]
    public async Task AbortEndsAPendingReceiveAndThePeerSeesAResetNotAClose()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        var accepted = listener.AcceptAsync(bound.Token);
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Frames.ShortTimeouts(), bound.Token);
        await using var server = await accepted;

        var pending = client.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token).AsTask();
        client.Abort();

        var local = Assert.ThrowsAsync<TransportException>(async () => await pending);
        Assert.That(local!.Kind, Is.EqualTo(TransportErrorKind.ClosedLocally));
        Assert.That(local.Message, Does.Contain("aborted (TCP reset)"));
        Assert.That((client.IsOpen, client.CloseReason), Is.EqualTo((false, (TransportErrorKind?)TransportErrorKind.ClosedLocally)));
        var send = Assert.ThrowsAsync<TransportException>(async () => await client.SendAsync(new byte[8], bound.Token));
        Assert.That(send!.Kind, Is.EqualTo(TransportErrorKind.ClosedLocally));
        var remote = Assert.ThrowsAsync<TransportException>(async () => await server.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token));
        Assert.That(remote!.Kind, Is.EqualTo(TransportErrorKind.ConnectionFailed));
        Assert.That(remote.Message, Does.Contain("ConnectionReset"));
    }

    [Test]
    public async Task AcceptOnADisposedListenerIsATypedError()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var accept = listener.AcceptAsync(bound.Token);
        await listener.DisposeAsync();

        var error = Assert.ThrowsAsync<TransportException>(async () => await accept);
        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.ClosedLocally));
    }

    /// <summary>Echoes every frame of one connection until the client closes; returns the frame count.</summary>
    private static async Task<int> EchoOneConnectionAsync(DirectTcpListener listener, CancellationToken token)
    {
        await using var server = await listener.AcceptAsync(token);
        var count = 0;
        // Generous idle bound: the test's own CancellationToken bounds the whole exchange.
        await foreach (var message in server.ReceiveAllAsync(TimeSpan.FromSeconds(30), token))
        {
            await server.SendAsync(message, token);
            count++;
        }
        return count;
    }
}
