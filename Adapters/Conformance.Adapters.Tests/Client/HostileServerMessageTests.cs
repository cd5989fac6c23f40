using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ClientFixtures;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

/// <summary>
/// Servers that misuse the newer message kinds: a break for a lease nobody holds, a flood of breaks,
/// an interim response never followed by the final one, a response sent twice, a response with the
/// wrong MessageId. Each ends in a clear error or a recorded oddity within its bound, never a hang.
/// </summary>
public class HostileServerMessageTests
{
    private static readonly Guid UnknownLease = Guid.Parse("0c0c0c0c-3333-4333-8333-0c0c0c0c0c0c");
    private static readonly FileId UnknownFile = new(0x77, 0x7707);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(5);

    [Test]
    public async Task ABreakForALeaseNobodyHoldsIsQueuedNamingNothingAndTheConnectionGoesOn()
    {
        await using var server = Start(async (peer, token) =>
        {
            var echo = (await ReceiveRequestsAsync(peer, token))[0];
            await peer.SendAsync(LeaseBreak(UnknownLease, LeaseState.ReadCaching | LeaseState.HandleCaching, LeaseState.None), token);
            await peer.SendAsync(EchoResponse(echo.Header).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();

        var echoed = await connection.EchoAsync();
        var notification = await connection.Client.Breaks.WaitForLeaseBreakAsync(UnknownLease, Long);
        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.Client.Breaks.WaitForLeaseBreakAsync(Guid.NewGuid(), TimeSpan.FromMilliseconds(200)));

        Assert.That(echoed.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(notification.Lease, Is.Null, "the client holds no lease of that key: the notification names nothing");
        Assert.That(notification.LeaseBreak!.LeaseKey, Is.EqualTo(UnknownLease));
        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.BreakTimeout));
        Assert.That(error.Summary, Does.StartWith("waited 200 ms for a Lease Break Notification"));
        Assert.That(connection.IsOpen, Is.True);
    }

    [Test]
    public async Task AFloodOfBreaksNeitherStallsTheConnectionNorLosesOne()
    {
        const int Flood = 5000;
        await using var server = Start(async (peer, token) =>
        {
            var echo = (await ReceiveRequestsAsync(peer, token))[0];
            var breaks = OplockBreak(UnknownFile, OplockLevel.None);
            for (var i = 0; i < Flood; i++)
            {
                await peer.SendAsync(breaks, token);
            }
            await peer.SendAsync(EchoResponse(echo.Header).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();

        var echoed = await connection.EchoAsync();

        Assert.That(echoed.Status, Is.EqualTo(NtStatus.Success), "the response behind the flood is delivered");
        Assert.That(connection.Client.Breaks.Count, Is.EqualTo(Flood));
        Assert.That(connection.Client.Breaks.Pending.All(notification => notification.Open is null && notification.OplockBreak!.FileId == UnknownFile), Is.True);
        Assert.That(connection.IsOpen, Is.True);
    }

    [Test]
    public async Task AnInterimResponseThatNeverCompletesIsAResponseTimeoutNamingItsAsyncId()
    {
        await using var server = Start(async (peer, token) =>
        {
            var request = (await ReceiveRequestsAsync(peer, token))[0];
            var interim = ResponseHeader(request.Header, NtStatus.Pending);
            interim.Flags |= Smb2HeaderFlags.AsyncCommand;
            interim.AsyncId = 0x5A5A;
            await peer.SendAsync(new Smb2Message(interim, ErrorBody(request.Header.Command)).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync(responseTimeout: TimeSpan.FromMilliseconds(400));

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.EchoAsync());

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ResponseTimeout));
        Assert.That(error.Summary, Is.EqualTo("waited 400 ms for the response to ECHO (MessageId 0), none came (an interim STATUS_PENDING response gave AsyncId 0x5A5A)"));
        Assert.That(connection.IsOpen, Is.True);
    }

    [Test]
    public async Task AResponseSentTwiceCompletesTheRequestOnceAndTheSecondIsRecorded()
    {
        await using var server = Start(async (peer, token) =>
        {
            var first = (await ReceiveRequestsAsync(peer, token))[0];
            var response = EchoResponse(first.Header).Encode();
            await peer.SendAsync(response, token);
            await peer.SendAsync(response, token);
            var second = (await ReceiveRequestsAsync(peer, token))[0];
            await peer.SendAsync(EchoResponse(second.Header).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();

        var first = await connection.EchoAsync();
        var duplicate = await connection.ReceiveRawAsync(Long);
        var second = await connection.EchoAsync();

        Assert.That(first.Header.MessageId, Is.Zero);
        Assert.That(Smb2Header.Read(duplicate.Span).Unwrap().MessageId, Is.Zero, "the duplicate is handed to whoever reads unclaimed frames");
        Assert.That(second.Header.MessageId, Is.EqualTo(1), "the connection goes on");
        Assert.That(connection.ReceiveFaults, Has.One.Contains("a Echo response with MessageId 0 that no outstanding request has"));
    }

    [Test]
    public async Task AResponseWithTheWrongMessageIdLeavesTheRequestToTimeOutAndIsRecorded()
    {
        await using var server = Start(async (peer, token) =>
        {
            var request = (await ReceiveRequestsAsync(peer, token))[0];
            var wrong = request.Header.Clone();
            wrong.MessageId = 7;
            await peer.SendAsync(EchoResponse(wrong).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync(responseTimeout: TimeSpan.FromMilliseconds(400));

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.EchoAsync());

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ResponseTimeout));
        Assert.That(error.Summary, Does.StartWith("waited 400 ms for the response to ECHO (MessageId 0), none came (meanwhile the receive loop").And.Contain("MessageId 7"),
            "the timeout names the stray response that came instead");
        Assert.That(connection.ReceiveFaults, Has.One.Contains("a Echo response with MessageId 7 that no outstanding request has"));
        Assert.That(error.Exchange, Does.Contain("MID=7"), "the exchange shows the stray response");
    }
}
