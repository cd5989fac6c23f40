using System.Net;
using System.Net.Sockets;
using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Tests.Transport;

/// <summary>The NetBIOS session service (RFC 1002 4.3) under SMB2 (MS-SMB2 2.1): names, the session request exchange, keep-alives.</summary>
public class NetBiosSessionTests
{
    /// <summary>RFC 1001 14.1's first-level encoding: "*SMBSERVER" padded with spaces, suffix 0x20.</summary>
    private const string EncodedAnyServer = "20" + "434B" + "4644" + "454E" + "4543" + "4644" + "4546" + "4643" + "4647" + "4546" + "4643" + "434143414341434143414341" + "00";

    [Test]
    public void NamesAreFirstLevelEncoded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(NetBiosName.Encode("*SMBSERVER", NetBiosName.ServerSuffix)), Is.EqualTo(EncodedAnyServer));
            // "ab" upper-cased: 'A' 0x41 -> "EB", 'B' 0x42 -> "EC"; 13 spaces "CA"; suffix 0x00 "AA".
            Assert.That(Convert.ToHexString(NetBiosName.Encode("ab", NetBiosName.WorkstationSuffix)),
                Is.EqualTo("20" + "4542" + "4543" + string.Concat(Enumerable.Repeat("4341", 13)) + "4141" + "00"));
            Assert.That(NetBiosName.Decode(Convert.FromHexString(EncodedAnyServer)), Is.EqualTo(("*SMBSERVER", NetBiosName.ServerSuffix)));
            Assert.That(NetBiosName.Decode(new byte[NetBiosName.EncodedSize]), Is.Null, "no length byte 0x20");
            Assert.Throws<ArgumentException>(() => NetBiosName.Encode("SIXTEENCHARSLONG", NetBiosName.ServerSuffix));
        });
    }

    [Test]
    public void SessionRequestCarriesBothNames()
    {
        var request = NetBiosName.SessionRequest("*SMBSERVER", "ab");
        Assert.That(Convert.ToHexString(request.AsSpan(0, 4)), Is.EqualTo("81000044"), "type 0x81, 68 bytes of names");
        Assert.That(Convert.ToHexString(request.AsSpan(4, NetBiosName.EncodedSize)), Is.EqualTo(EncodedAnyServer));
        Assert.That(NetBiosName.Decode(request.AsSpan(4 + NetBiosName.EncodedSize)), Is.EqualTo(("AB", NetBiosName.WorkstationSuffix)));
    }

    [Test]
    public async Task ClientAndListenerEstablishASessionAndSkipKeepAlives()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var listenerOptions = new TransportOptions { NetBios = new NetBiosSessionOptions("SERVER") };
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), listenerOptions);
        var accepting = listener.AcceptAsync(bound.Token);
        var clientOptions = Frames.ShortTimeouts() with { NetBios = new NetBiosSessionOptions("server", "client") };
        var connecting = DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, clientOptions, bound.Token);
        await using var server = await accepting;
        Assert.That(await server.AcceptSessionAsync(name => name == "SERVER" ? null : NetBiosSessionError.CalledNameNotPresent, bound.Token), Is.True);
        await using var client = await connecting;

        Assert.That(Convert.ToHexString(client.SessionResponse.Span), Is.EqualTo("82000000"));
        Assert.That(server.CalledName, Is.EqualTo("SERVER"));

        await client.SendKeepAliveAsync(bound.Token);
        await client.SendAsync(new byte[] { 0xFE, 0x53 }, bound.Token);
        await client.SendKeepAliveAsync(bound.Token);
        await client.SendAsync(new byte[] { 0x01 }, bound.Token);
        Assert.That((await server.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token)).ToArray(), Is.EqualTo(new byte[] { 0xFE, 0x53 }));
        Assert.That((await server.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token)).ToArray(), Is.EqualTo(new byte[] { 0x01 }));
        Assert.That(server.KeepAlivesReceived, Is.EqualTo(2));
    }

    [Test]
    public async Task AWrongCalledNameGetsANegativeSessionResponse()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), new TransportOptions { NetBios = new NetBiosSessionOptions("SERVER") });
        var accepting = listener.AcceptAsync(bound.Token);
        var connecting = DirectTcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port,
            Frames.ShortTimeouts() with { NetBios = new NetBiosSessionOptions("OTHER") }, bound.Token);
        await using var server = await accepting;

        Assert.That(await server.AcceptSessionAsync(name => name == "SERVER" ? null : NetBiosSessionError.CalledNameNotPresent, bound.Token), Is.False);
        var error = Assert.ThrowsAsync<TransportException>(async () => await connecting);

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.SessionRefused));
        Assert.That(Convert.ToHexString(error.SessionResponse.Span), Is.EqualTo("8300000182"));
        Assert.That(error.Message, Does.Contain("NEGATIVE SESSION RESPONSE, error 0x82 (CalledNameNotPresent)"));
    }

    [Test]
    public async Task APeerThatNeverAnswersTheSessionRequestIsRefusedWithinTheBound()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(ScriptedPeer.Silent);
        var options = Frames.ShortTimeouts() with { NetBios = new NetBiosSessionOptions("SERVER") { SessionTimeout = TimeSpan.FromMilliseconds(300) } };

        var error = Assert.ThrowsAsync<TransportException>(async () => await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, options, bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.SessionRefused));
        Assert.That(error.Message, Does.StartWith("waited 300 ms for the NetBIOS session response"));
    }

    [Test]
    public async Task ASessionPacketOtherThanKeepAliveBetweenMessagesBreaksTheConnection()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var peer = ScriptedPeer.Start(async (socket, token) =>
        {
            var request = new byte[72];
            var got = 0;
            while (got < request.Length)
            {
                got += await socket.ReceiveAsync(request.AsMemory(got), SocketFlags.None, token);
            }
            await socket.SendAsync(new byte[] { 0x82, 0, 0, 0, 0x85, 0, 0, 0, 0x00, 0, 0, 1, 0xAA, 0x82, 0, 0, 0 }, SocketFlags.None, token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var client = await DirectTcpTransport.ConnectAsync("127.0.0.1", peer.Port, Frames.ShortTimeouts() with { NetBios = new NetBiosSessionOptions("SERVER") }, bound.Token);

        Assert.That((await client.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token)).ToArray(), Is.EqualTo(new byte[] { 0xAA }));
        var error = Assert.ThrowsAsync<TransportException>(async () => await client.ReceiveAsync(TimeSpan.FromSeconds(5), bound.Token));

        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.InvalidHeader));
        Assert.That(error.Message, Does.Contain("header 82000000 is neither a SESSION MESSAGE"));
        Assert.That(client.KeepAlivesReceived, Is.EqualTo(1));
    }
}
