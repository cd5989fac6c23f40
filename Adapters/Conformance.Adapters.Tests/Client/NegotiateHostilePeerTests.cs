using System.Net.Sockets;
using Conformance.Adapters.Client;
using Conformance.Adapters.Tests.Transport;

namespace Conformance.Adapters.Tests.Client;

/// <summary>
/// A NEGOTIATE against servers that misbehave at the transport: each fails with an
/// <see cref="Smb2ClientException"/> naming the awaited NEGOTIATE and what went wrong — never a hang,
/// never a bare socket or transport exception.
/// </summary>
public class NegotiateHostilePeerTests
{
    private static Task<Connection> ConnectAsync(ScriptedPeer peer, TimeSpan responseTimeout) =>
        Connection.ConnectAsync("127.0.0.1", peer.Port, new ConnectionOptions
        {
            Transport = Frames.ShortTimeouts(),
            ResponseTimeout = responseTimeout,
            CreditTimeout = TimeSpan.FromSeconds(2),
        });

    /// <summary>Reads the client's NEGOTIATE (at least its Direct TCP header), then answers with <paramref name="bytes"/>.</summary>
    private static Func<Socket, CancellationToken, Task> AfterTheRequest(byte[] bytes, bool thenClose) => async (socket, token) =>
    {
        var received = 0;
        var buffer = new byte[4096];
        while (received < 4)
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
            if (count == 0)
            {
                return;
            }
            received += count;
        }
        await socket.SendAsync(bytes, SocketFlags.None, token);
        if (thenClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        else
        {
            await Task.Delay(Timeout.Infinite, token);
        }
    };

    [Test]
    public async Task AServerThatAcceptsAndNeverAnswersIsAResponseTimeoutNamingNegotiate()
    {
        await using var peer = ScriptedPeer.Start(ScriptedPeer.Silent);
        await using var connection = await ConnectAsync(peer, TimeSpan.FromMilliseconds(300));

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.NegotiateAsync());

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ResponseTimeout));
        Assert.That(error.Summary, Is.EqualTo("waited 300 ms for the response to NEGOTIATE (MessageId 0), none came"));
        Assert.That(connection.Dialect, Is.Null, "a failed NEGOTIATE leaves the connection un-negotiated");
    }

    [Test]
    public async Task AServerThatClosesMidFrameIsAConnectionLostNamingNegotiateAndTheTruncation()
    {
        byte[] truncated = [0x00, 0x00, 0x00, 0x80, .. Frames.Pattern(20, seed: 3)];
        await using var peer = ScriptedPeer.Start(AfterTheRequest(truncated, thenClose: true));
        await using var connection = await ConnectAsync(peer, TimeSpan.FromSeconds(5));

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.NegotiateAsync());

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
        Assert.That(error.Summary, Is.EqualTo(
            $"NEGOTIATE (MessageId 0) got no response: the connection to 127.0.0.1:{peer.Port} ended: " +
            $"connection closed by peer 127.0.0.1:{peer.Port} mid-frame: the Direct TCP header announced a 128-byte message, 20 byte(s) of it came"));
    }

    [Test]
    public async Task AServerThatAnnouncesAnOversizeFrameIsAConnectionLostNamingNegotiateAndTheLength()
    {
        // 0x01100000 = 17 MiB, over the client's 16 MiB + 64 KiB frame limit; only expressible by setting the Zero byte.
        await using var peer = ScriptedPeer.Start(AfterTheRequest([0x01, 0x10, 0x00, 0x00], thenClose: false));
        await using var connection = await ConnectAsync(peer, TimeSpan.FromSeconds(5));

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.NegotiateAsync());

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
        Assert.That(error.Summary, Does.StartWith($"NEGOTIATE (MessageId 0) got no response: the connection to 127.0.0.1:{peer.Port} ended: "));
        Assert.That(error.Summary, Does.Contain("rejected unread: its Direct TCP header 01100000 announces 17825792 bytes, over the 16842752-byte limit"));
        Assert.That(error.Exchange, Does.Contain("Negotiate"), "the exchange shows the NEGOTIATE that went out");
    }
}
