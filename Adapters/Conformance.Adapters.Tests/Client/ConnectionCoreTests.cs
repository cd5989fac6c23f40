using System.Security.Cryptography;
using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

public class ConnectionCoreTests
{
    private static Smb2Request Echo(ushort? creditCharge = null, ushort? creditRequest = null, TimeSpan? timeout = null) =>
        new(Smb2Message.For(new EchoRequest())) { CreditCharge = creditCharge, CreditRequest = creditRequest, ResponseTimeout = timeout };

    [Test]
    public async Task MessageIdsFollowTheSequenceWindowAndMultiCreditChargesConsumeConsecutiveIds()
    {
        var seen = new List<(ulong MessageId, ushort CreditCharge, ushort CreditRequest)>();
        await using var server = Start(async (peer, token) =>
        {
            // 1st request: MessageId 0 of { 0 }; grant 10 -> { 1-10 }.
            // 2nd: CreditCharge 3 takes 1, 2, 3; grant 3 -> { 4-13 }.  3rd: takes 4, asks 1 + (64 - 9 left).
            foreach (var grant in new ushort[] { 10, 3, 1 })
            {
                var request = (await ReceiveRequestsAsync(peer, token))[0].Header;
                seen.Add((request.MessageId, request.CreditCharge, request.CreditRequestResponse));
                await peer.SendAsync(EchoResponse(request, grant).Encode(), token);
            }
        });
        await using var connection = await server.ConnectAsync();

        await connection.SendAsync(Echo(creditRequest: 10));
        connection.Dialect = Dialect.Smb302;
        connection.SupportsMultiCredit = true;
        await connection.SendAsync(Echo(creditCharge: 3, creditRequest: 3));
        await connection.SendAsync(Echo());
        await server.CompletionAsync();

        Assert.That(seen, Is.EqualTo(new[] { (0UL, (ushort)0, (ushort)10), (1UL, (ushort)3, (ushort)3), (4UL, (ushort)1, (ushort)(1 + 64 - 9)) }));
        Assert.That(connection.SequenceWindow.ToString(), Is.EqualTo("{ 5-14 }"));
        Assert.That(connection.OutstandingRequests, Is.Empty);
    }

    [Test]
    public async Task ARequestWithoutCreditWaitsForAGrantAndThenGoesOut()
    {
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<ulong>();
        await using var server = Start(async (peer, token) =>
        {
            var first = (await ReceiveRequestsAsync(peer, token))[0].Header;
            seen.Add(first.MessageId);
            await releaseFirst.Task.WaitAsync(token);
            await peer.SendAsync(EchoResponse(first, credits: 1).Encode(), token);
            var second = (await ReceiveRequestsAsync(peer, token))[0].Header;
            seen.Add(second.MessageId);
            await peer.SendAsync(EchoResponse(second).Encode(), token);
        });
        await using var connection = await server.ConnectAsync();

        var first = (await connection.PostAsync([Echo()]))[0]!;
        var second = connection.SendAsync(Echo()); // the window is empty: this waits in SequenceWindow
        Assert.That(connection.SequenceWindow.Available, Is.Zero);
        releaseFirst.SetResult();

        await first.WaitAsync();
        var responses = await second;
        await server.CompletionAsync();
        Assert.That(seen, Is.EqualTo(new[] { 0UL, 1UL }));
        Assert.That(responses.Single().MessageId, Is.EqualTo(1));
    }

    [Test]
    public async Task AnEmptyWindowGivesNoCreditsNamingTheCommandAndTheWindow()
    {
        await using var server = Start(async (peer, token) =>
        {
            var request = (await ReceiveRequestsAsync(peer, token))[0].Header;
            await peer.SendAsync(EchoResponse(request, credits: 0).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync(creditTimeout: TimeSpan.FromMilliseconds(150));
        await connection.SendAsync(Echo());

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.SendAsync(Echo()));
        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.NoCredits));
        Assert.That(error.Summary, Does.Contain("ECHO").And.Contain("150 ms").And.Contain("SequenceWindow is { }"));
    }

    [Test]
    public async Task InterimPendingResponseRecordsTheAsyncIdAndTheFinalResponseCompletesTheRequest()
    {
        await using var server = Start(async (peer, token) =>
        {
            var request = (await ReceiveRequestsAsync(peer, token))[0].Header;
            var interim = ResponseHeader(request, NtStatus.Pending, credits: 5);
            interim.Flags |= Smb2HeaderFlags.AsyncCommand;
            interim.AsyncId = 0x1234_5678_9ABC;
            await peer.SendAsync(new Smb2Message(interim, ErrorBody(Smb2Command.Echo)).Encode(), token);
            var final = ResponseHeader(request, credits: 0);
            final.Flags |= Smb2HeaderFlags.AsyncCommand;
            final.AsyncId = 0x1234_5678_9ABC;
            await peer.SendAsync(new Smb2Message(final, new EchoResponse()).Encode(), token);
        });
        await using var connection = await server.ConnectAsync();

        var pending = (await connection.PostAsync([Echo()]))[0]!;
        var interimResponse = await pending.WaitForInterimAsync(TimeSpan.FromSeconds(5));
        var finalResponse = await pending.WaitAsync();

        Assert.That(interimResponse.IsInterim, Is.True);
        Assert.That(interimResponse.HasErrorBody, Is.True);
        Assert.That(pending.AsyncId, Is.EqualTo(0x1234_5678_9ABCUL));
        Assert.That(pending.InterimResponses, Has.Count.EqualTo(1));
        Assert.That(finalResponse.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(finalResponse.IsInterim, Is.False);
        Assert.That(finalResponse.Header.AsyncId, Is.EqualTo(0x1234_5678_9ABCUL));
        Assert.That(finalResponse.Read<EchoResponse>().IsSuccess, Is.True);
        // The interim's 5 credits were granted: { 1-5 } after MessageId 0 was used.
        Assert.That(connection.SequenceWindow.ToString(), Is.EqualTo("{ 1-5 }"));
        Assert.That(connection.OutstandingRequests, Is.Empty);
    }

    [Test]
    public async Task AnUnsolicitedLeaseBreakGoesToTheBreakQueue()
    {
        // LEASE_BREAK Notification (2.2.23.2): StructureSize 44, NewEpoch 2, Flags ACK_REQUIRED, LeaseKey,
        // CurrentLeaseState RWH, NewLeaseState R, then BreakReason, AccessMaskHint, ShareMaskHint.
        var leaseKey = Guid.Parse("6d1f4c43-99b5-4f0e-8a57-2d3b7b0b2c11");
        var body = new byte[44];
        body.AsSpan().U16(0, 44);
        body.AsSpan().U16(2, 2);
        body.AsSpan().U32(4, 1);
        body.AsSpan().Guid(8, leaseKey);
        body.AsSpan().U32(24, 7);
        body.AsSpan().U32(28, 1);
        await using var server = Start(async (peer, token) =>
        {
            var notification = new Smb2Header { Command = Smb2Command.OplockBreak, MessageId = ulong.MaxValue, Flags = Smb2HeaderFlags.ServerToRedir };
            await peer.SendAsync(new Smb2Message(notification, new RawBody(Smb2Command.OplockBreak, body)).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();

        var received = await connection.WaitForBreakAsync(TimeSpan.FromSeconds(5));

        Assert.That(received.Command, Is.EqualTo(Smb2Command.OplockBreak));
        Assert.That(received.MessageId, Is.EqualTo(ulong.MaxValue));
        Assert.That(received.Signature, Is.EqualTo(SignatureVerdict.NotApplicable));
        Assert.That(received.Bytes.Span.Guid(Smb2Header.Size + 8), Is.EqualTo(leaseKey));
        Assert.That(received.Bytes[Smb2Header.Size..].ToArray(), Is.EqualTo(body));
        Assert.That(connection.PendingBreakCount, Is.Zero);
        // A notification grants no credit and is no response: the window is still { 0 }.
        Assert.That(connection.SequenceWindow.ToString(), Is.EqualTo("{ 0 }"));
    }

    [Test]
    public async Task AServerToClientNotificationGoesToTheNotificationQueueWhateverItsMessageId()
    {
        // SERVER_TO_CLIENT_NOTIFICATION (current MS-SMB2 2.2.44): StructureSize 12, Reserved, NotificationType
        // SmbNotifySessionClosed, SMB2_NOTIFY_SESSION_CLOSED.Reserved. The second one carries an arbitrary
        // MessageId, which 4.11.1 says a client must not take for a response.
        var body = Convert.FromHexString("0C000000" + "00000000" + "00000000");
        await using var server = Start(async (peer, token) =>
        {
            foreach (var messageId in new[] { ulong.MaxValue, 0x1234_5678_9ABC_DEF0UL })
            {
                var header = new Smb2Header { Command = Smb2Command.ServerToClientNotification, MessageId = messageId, Flags = Smb2HeaderFlags.ServerToRedir, SessionId = 0x0000_4000_0000_0005 };
                await peer.SendAsync(new Smb2Message(header, new RawBody(Smb2Command.ServerToClientNotification, body)).Encode(), token);
            }
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();

        var (first, firstBody) = await connection.WaitForNotificationAsync(TimeSpan.FromSeconds(5));
        var (second, _) = await connection.WaitForNotificationAsync(TimeSpan.FromSeconds(5));

        Assert.That(first.MessageId, Is.EqualTo(ulong.MaxValue));
        Assert.That(first.Header.SessionId, Is.EqualTo(0x0000_4000_0000_0005UL));
        Assert.That(firstBody.Unwrap().NotificationType, Is.EqualTo(NotificationType.SmbNotifySessionClosed));
        Assert.That(firstBody.Unwrap().ReadSessionClosed().IsSuccess, Is.True);
        Assert.That(second.MessageId, Is.EqualTo(0x1234_5678_9ABC_DEF0UL));
        Assert.That(connection.PendingNotificationCount, Is.Zero);
        Assert.That(connection.PendingBreakCount, Is.Zero);
        Assert.That(connection.ReceiveFaults, Is.Empty);
        // Neither is a response: no credit granted, the window is still { 0 }.
        Assert.That(connection.SequenceWindow.ToString(), Is.EqualTo("{ 0 }"));
    }

    [Test]
    public async Task NoNotificationWithinTheTimeoutNamesWhatWasAwaited()
    {
        await using var server = Start((peer, token) => Task.Delay(Timeout.Infinite, token));
        await using var connection = await server.ConnectAsync();

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.WaitForNotificationAsync(TimeSpan.FromMilliseconds(100)));
        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.NotificationTimeout));
        Assert.That(error.Summary, Does.Contain("SERVER_TO_CLIENT_NOTIFICATION").And.Contain("100 ms"));
    }

    [Test]
    public async Task NoBreakWithinTheTimeoutNamesWhatWasAwaited()
    {
        await using var server = Start((peer, token) => Task.Delay(Timeout.Infinite, token));
        await using var connection = await server.ConnectAsync();

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.WaitForBreakAsync(TimeSpan.FromMilliseconds(100)));
        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.BreakTimeout));
        Assert.That(error.Summary, Does.Contain("OPLOCK_BREAK").And.Contain("100 ms"));
    }

    [Test]
    public async Task ASilentServerGivesATimeoutNamingCommandMessageIdAndTimeout()
    {
        await using var server = Start(async (peer, token) =>
        {
            var request = (await ReceiveRequestsAsync(peer, token))[0].Header;
            await peer.SendAsync(EchoResponse(request, credits: 8).Encode(), token);
            await ReceiveRequestsAsync(peer, token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();
        await connection.SendAsync(Echo());

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => connection.SendAsync(Echo(timeout: TimeSpan.FromMilliseconds(200))));

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ResponseTimeout));
        Assert.That(error.Summary, Does.Contain("ECHO (MessageId 1)").And.Contain("200 ms"));
        // The exchange shows both requests and the one response, with their headers.
        Assert.That(error.Exchange.Split('\n'), Has.Length.EqualTo(3));
        Assert.That(error.Exchange, Does.Contain("C Echo MID=1"));
    }

    [Test]
    public async Task AServerThatClosesFailsEveryPendingRequestWithConnectionLost()
    {
        await using var server = Start(async (peer, token) =>
        {
            await ReceiveRequestsAsync(peer, token);
            // Return (dispose): the server closes with both requests unanswered.
        });
        await using var connection = await server.ConnectAsync(responseTimeout: TimeSpan.FromSeconds(8));
        connection.SequenceWindow.Grant(1);

        var pending = await connection.PostAsync([Echo(), Echo()]);
        await server.CompletionAsync();

        foreach (var request in pending)
        {
            var error = Assert.ThrowsAsync<Smb2ClientException>(() => request!.WaitAsync());
            Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
            Assert.That(error.Summary, Does.Contain($"ECHO (MessageId {request!.MessageId}) got no response"));
        }
        Assert.That(connection.OutstandingRequests, Is.Empty);
        var next = Assert.ThrowsAsync<Smb2ClientException>(() => connection.SendAsync(Echo()));
        Assert.That(next!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
        var breakWait = Assert.ThrowsAsync<Smb2ClientException>(() => connection.WaitForBreakAsync(TimeSpan.FromSeconds(8)));
        Assert.That(breakWait!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
    }

    [Test]
    public async Task ACompoundGoesOutAsOneFrameAndResponsesInAnyOrderAreMatchedByMessageId()
    {
        IReadOnlyList<MessageSlice>? requests = null;
        await using var server = Start(async (peer, token) =>
        {
            requests = await ReceiveRequestsAsync(peer, token);
            // Answer in reverse order, as one compound of three responses.
            var responses = requests.Reverse().Select(slice => EchoResponse(slice.Header)).ToArray();
            responses[0].Header.Status = NtStatus.AccessDenied; // ECHO with MessageId 2: an ERROR body
            responses[0].Body = ErrorBody(Smb2Command.Echo);
            await peer.SendAsync(Smb2Compound.Encode(responses), token);
        });
        await using var connection = await server.ConnectAsync();
        connection.SequenceWindow.Grant(2);

        var related = Smb2Message.For(new EchoRequest());
        related.Header.Flags = Smb2HeaderFlags.RelatedOperations;
        var responses = await connection.SendAsync(Echo(), Echo(), new Smb2Request(related));
        await server.CompletionAsync();

        Assert.That(requests!.Select(r => r.Header.MessageId), Is.EqualTo(new[] { 0UL, 1UL, 2UL }));
        Assert.That(requests!.Select(r => r.Header.NextCommand), Is.EqualTo(new uint[] { 72, 72, 0 }));
        Assert.That(requests![2].Header.Flags & Smb2HeaderFlags.RelatedOperations, Is.EqualTo(Smb2HeaderFlags.RelatedOperations));
        Assert.That(responses.Select(r => r.MessageId), Is.EqualTo(new[] { 0UL, 1UL, 2UL }));
        Assert.That(responses.Select(r => r.HasErrorBody), Is.EqualTo(new[] { false, false, true }));
        Assert.That(responses[2].Status, Is.EqualTo(NtStatus.AccessDenied));
    }

    [Test]
    public async Task AResponseNobodyAwaitsIsAnUnclaimedFrame()
    {
        await using var server = Start(async (peer, token) =>
        {
            var request = (await ReceiveRequestsAsync(peer, token))[0].Header;
            request.MessageId = 77;
            await peer.SendAsync(EchoResponse(request).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();

        await connection.PostAsync([new Smb2Request(Smb2Message.For(new EchoRequest())) { ExpectResponse = false }]);
        var frame = await connection.ReceiveRawAsync(TimeSpan.FromSeconds(5));

        Assert.That(Smb2Header.Read(frame.Span).Unwrap().MessageId, Is.EqualTo(77));
        Assert.That(connection.ReceiveFaults.Single(), Does.Contain("MessageId 77"));
    }

    [Test]
    public async Task SignaturesAreCheckedAndTheVerdictIsRecordedOnEachResponse()
    {
        var sessionKey = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        const ulong sessionId = 0x4000_0000_0011;
        var requestVerdicts = new List<bool>();
        await using var server = Start(async (peer, token) =>
        {
            for (var i = 0; i < 3; i++)
            {
                var slice = (await ReceiveRequestsAsync(peer, token))[0];
                requestVerdicts.Add(HmacSignatureHolds(sessionKey, slice.Bytes.ToArray()));
                var response = EchoResponse(slice.Header, credits: 2).Encode();
                if (i < 2)
                {
                    response.AsSpan().U32(16, response.AsSpan().U32(16) | (uint)Smb2HeaderFlags.Signed);
                    HmacSign(sessionKey, response);
                    if (i == 1)
                    {
                        response[^1] ^= 0x01; // a byte after signing: the signature no longer holds
                    }
                }
                await peer.SendAsync(response, token);
            }
        });
        await using var connection = await server.ConnectAsync();
        connection.Dialect = Dialect.Smb210;
        var session = new Session(connection, sessionId) { SigningRequired = true };
        session.SessionKey = sessionKey;
        connection.SessionTable[sessionId] = session;

        var verdicts = new List<SignatureVerdict>();
        for (var i = 0; i < 3; i++)
        {
            var message = Smb2Message.For(new EchoRequest());
            message.Header.SessionId = sessionId;
            verdicts.Add((await connection.SendAsync(new Smb2Request(message) { Signing = i == 2 ? RequestSigning.FalsifySignature : RequestSigning.Auto }))[0].Signature);
        }
        await server.CompletionAsync();

        Assert.That(verdicts, Is.EqualTo(new[] { SignatureVerdict.Valid, SignatureVerdict.Invalid, SignatureVerdict.MissingButRequired }));
        Assert.That(requestVerdicts, Is.EqualTo(new[] { true, true, false }));
    }

    /// <summary>HMAC-SHA256 signing of 3.1.4.1, computed here independently of the client.</summary>
    private static void HmacSign(byte[] key, byte[] message)
    {
        message.AsSpan(48, 16).Clear();
        HMACSHA256.HashData(key, message).AsSpan(0, 16).CopyTo(message.AsSpan(48));
    }

    private static bool HmacSignatureHolds(byte[] key, byte[] message)
    {
        var sent = message.AsSpan(48, 16).ToArray();
        var copy = (byte[])message.Clone();
        HmacSign(key, copy);
        return (message.AsSpan().U32(16) & (uint)Smb2HeaderFlags.Signed) != 0 && copy.AsSpan(48, 16).SequenceEqual(sent);
    }
}
