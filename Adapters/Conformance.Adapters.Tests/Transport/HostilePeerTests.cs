using System.Net;
using System.Net.Sockets;
using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Tests.Transport;

/// <summary>Peers that misbehave: each failure is its own kind, with a message naming what was awaited.</summary>
public class HostilePeerTests
{
    [Test]
    public async Task PeerThatNeverAnswersIsAReceiveTimeoutNamingTheWait()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.Silent);
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(400), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.ReceiveTimeout));
        Assert.That(error.Message, Is.EqualTo($"waited 400 ms for a response frame from 127.0.0.1:{peer.Port}, none came"));
        Assert.That(client.IsOpen, Is.True, "a receive timeout leaves the connection usable");
    }

    [Test]
    public async Task DefaultReceiveTimeoutComesFromTheOptions()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.Silent);
        var options = Frames.ShortTimeouts() with { Timeouts = new TransportTimeouts { Receive = TimeSpan.FromMilliseconds(300) } };
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, options, bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(bound.Token));

        Assert.That(error!.Message, Does.StartWith("waited 300 ms for a response frame"));
    }

    [Test]
    public async Task AFrameAfterAReceiveTimeoutIsStillDelivered()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = ScriptedPeer.Start(async (socket, token) =>
        {
            await go.Task.WaitAsync(token);
            await socket.SendAsync(new byte[] { 0x00, 0x00, 0x00, 0x03, 0xAA, 0xBB, 0xCC }, SocketFlags.None, token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(300), bound.Token));
        go.SetResult();

        var message = await client.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token);
        Assert.That(message.ToArray(), Is.EqualTo(new byte[] { 0xAA, 0xBB, 0xCC }));
    }

    [Test]
    public async Task PeerThatClosesMidFrameIsATruncatedFrame()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        byte[] wire = [0x00, 0x00, 0x00, 100, .. Frames.Pattern(10, seed: 1)];
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenCloses(wire));
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.TruncatedFrame));
        Assert.That(error.Message, Is.EqualTo(
            $"connection closed by peer 127.0.0.1:{peer.Port} mid-frame: the Direct TCP header announced a 100-byte message, 10 byte(s) of it came"));
        Assert.That(client.CloseReason, Is.EqualTo(TransportErrorKind.TruncatedFrame));
    }

    [Test]
    public async Task PeerThatClosesInsideTheHeaderIsATruncatedFrame()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenCloses(0x00, 0x00));
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.TruncatedFrame));
        Assert.That(error.Message, Does.Contain("mid-frame: 2 of the 4 bytes of a Direct TCP header came"));
    }

    [Test]
    public async Task LengthBeyond16MiBIsRejectedAsOversizeBeforeAllocating()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // 0x01100000 = 17 MiB: only expressible by setting the Zero byte.
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenWaits(0x01, 0x10, 0x00, 0x00));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.OversizeFrame));
        Assert.That(error.Message, Is.EqualTo(
            $"frame from 127.0.0.1:{peer.Port} rejected unread: its Direct TCP header 01100000 announces 17825792 bytes, over the 16842752-byte limit; its Zero byte is 0x01 where MS-SMB2 2.1 requires 0x00"));
        Assert.That(allocated, Is.LessThan(8 * 1024 * 1024), "the 17 MiB message buffer must not have been allocated");
    }

    [Test]
    public async Task LargestPossibleHeaderIsRejectedAsOversize()
    {
        // 4 GiB - 1 cannot even be allocated: only a check before allocation gives a typed error here.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenWaits(0xFF, 0xFF, 0xFF, 0xFF));
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.OversizeFrame));
        Assert.That(error.Message, Does.Contain("announces 4294967295 bytes"));
    }

    [Test]
    public async Task ConfiguredLimitAppliesToConformingHeadersToo()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenWaits(0x00, 0x00, 0x08, 0x00));
        var options = Frames.ShortTimeouts() with { MaxMessageSize = 1024 };
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, options, bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.OversizeFrame));
        Assert.That(error.Message, Does.EndWith("announces 2048 bytes, over the 1024-byte limit"));
    }

    [Test]
    public async Task NonZeroZeroByteWithinTheLimitIsAnInvalidHeader()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenWaits(0x01, 0x00, 0x00, 0x10));
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.InvalidHeader));
        Assert.That(error.Message, Does.Contain("the Zero byte of its Direct TCP header 01000010 is 0x01, MS-SMB2 2.1 requires 0x00"));
    }

    [Test]
    public async Task PeerThatClosesCleanlyIsPeerClosedAfterItsLastFrame()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenCloses(0x00, 0x00, 0x00, 0x02, 0x5A, 0xA5));
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);

        var last = await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token);
        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));

        Assert.That(last.ToArray(), Is.EqualTo(new byte[] { 0x5A, 0xA5 }));
        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.PeerClosed));
        Assert.That(error.Message, Is.EqualTo($"connection closed by peer 127.0.0.1:{peer.Port} at a frame boundary, after 1 frame(s) received"));
    }

    [Test]
    public async Task SendAfterThePeerClosedIsATypedError()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.SendsThenCloses());
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts(), bound.Token);
        Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(800), bound.Token));

        var error = Assert.ThrowsAsync<TransportException>(async () => await client.SendAsync(new byte[64], bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.PeerClosed));
        Assert.That(error.Message, Does.StartWith($"cannot send: connection closed by peer 127.0.0.1:{peer.Port}"));
    }

    [Test]
    public async Task PeerThatNeverReadsIsASendTimeoutThatClosesTheConnection()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.Silent);
        var options = Frames.ShortTimeouts() with { Timeouts = new TransportTimeouts { Send = TimeSpan.FromMilliseconds(300) } };
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, options, bound.Token);
        // Far more than loopback socket buffers hold while nobody reads.
        var message = new byte[DirectTcpHeader.MaxStreamProtocolLength];

        var error = Assert.ThrowsAsync<TransportException>(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                await client.SendAsync(message, bound.Token);
            }
        });

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.SendTimeout));
        Assert.That(error.Message, Is.EqualTo(
            $"waited 300 ms to send a 16777219-byte frame to 127.0.0.1:{peer.Port}, the peer did not take it; the connection is closed"));
        Assert.That(client.CloseReason, Is.EqualTo(TransportErrorKind.SendTimeout));
    }

    [Test]
    public async Task ConnectToAPortNobodyListensOnFailsAfterTheRetries()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // Bound but not listening: the port stays ours and connecting to it is refused.
        using var placeholder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        placeholder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)placeholder.LocalEndPoint!).Port;

        var error = Assert.ThrowsAsync<TransportException>(async () => await DirectTcpTransport.ConnectAsync("127.0.0.1", port, Frames.ShortTimeouts(), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.ConnectFailed));
        Assert.That(error.Message, Does.StartWith($"could not connect to 127.0.0.1:{port}: 3 attempts within the 800 ms bound, the last failed with ConnectionRefused"));
    }

    [Test]
    public async Task ConnectThatNeverCompletesFailsAtTheConnectTimeout()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // A listener that never accepts: once its backlog is full, Linux drops further SYNs and a connect hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            var hung = false;
            for (var i = 0; i < 8 && !hung; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
                attempt.CancelAfter(TimeSpan.FromMilliseconds(200));
                try
                {
                    await filler.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
                }
                catch (OperationCanceledException) when (!bound.IsCancellationRequested)
                {
                    hung = true;
                }
            }
            if (!hung)
            {
                Assert.Inconclusive("this network stack answers connects to a full backlog; no hanging connect to test against");
            }
            var options = Frames.ShortTimeouts() with { Timeouts = new TransportTimeouts { Connect = TimeSpan.FromMilliseconds(500) } };

            var error = Assert.ThrowsAsync<TransportException>(async () => await DirectTcpTransport.ConnectAsync("127.0.0.1", port, options, bound.Token));

            Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.ConnectFailed));
            Assert.That(error.Message, Does.StartWith($"waited 500 ms to connect to 127.0.0.1:{port}, no connection was established ("));
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }

    [Test]
    public void CallerCancellationOfAConnectIsACancellationNotATransportError()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.That(async () => await DirectTcpTransport.ConnectAsync("127.0.0.1", 9, Frames.ShortTimeouts(), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
