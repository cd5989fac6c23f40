using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ClientFixtures;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

/// <summary>One break inbox per client across its connections (3.2.5.19): waits, filters, signatures, timeouts, lost connections.</summary>
public class BreakInboxTests
{
    private static readonly FileId FileA = new(0x0000_0000_0000_0011, 0x0000_0000_0000_0A01);
    private static readonly FileId FileB = new(0x0000_0000_0000_0022, 0x0000_0000_0000_0B02);
    private static readonly Guid KeyA = Guid.Parse("0a0a0a0a-1111-4111-8111-0a0a0a0a0a0a");
    private static readonly Guid KeyB = Guid.Parse("0b0b0b0b-2222-4222-8222-0b0b0b0b0b0b");

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(5);

    /// <summary>Sends <paramref name="frames"/> once <paramref name="go"/> is set, then stays connected.</summary>
    private static ScriptedServer Sending(TaskCompletionSource go, params byte[][] frames) => Start(async (peer, token) =>
    {
        await go.Task.WaitAsync(token);
        foreach (var frame in frames)
        {
            await peer.SendAsync(frame, token);
        }
        await Task.Delay(Timeout.Infinite, token);
    });

    private static ScriptedServer Idle() => Start((peer, token) => Task.Delay(Timeout.Infinite, token));

    private static TaskCompletionSource Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Test]
    public async Task ABreakOnTheSecondConnectionSatisfiesAClientWaitStartedBeforeItCame()
    {
        var go = Gate();
        var sent = OplockBreak(FileB, OplockLevel.II);
        await using var serverA = Idle();
        await using var serverB = Sending(go, sent, LeaseBreak(KeyB, LeaseState.ReadCaching | LeaseState.HandleCaching, LeaseState.ReadCaching));
        var client = new ClientGlobal();
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);

        var wait = client.Breaks.WaitAsync(Long);
        Assert.That(wait.IsCompleted, Is.False, "nothing has been sent yet");
        go.SetResult();
        var received = await wait;
        var lease = await client.Breaks.WaitForLeaseBreakAsync(KeyB, Long);

        Assert.That(received.Connection, Is.SameAs(b));
        Assert.That(received.Response.Bytes.ToArray(), Is.EqualTo(sent));
        Assert.That(received.OplockBreak!.FileId, Is.EqualTo(FileB));
        Assert.That(received.OplockBreak.OplockLevel, Is.EqualTo(OplockLevel.II));
        Assert.That(received.LeaseBreak, Is.Null);
        Assert.That(received.Signature, Is.EqualTo(SignatureVerdict.NotApplicable));
        Assert.That(lease.LeaseBreak!.NewLeaseState, Is.EqualTo(LeaseState.ReadCaching));
        Assert.That(lease.Lease, Is.Null, "the client holds no lease of that key");
        Assert.That(client.ConnectionTable, Is.EqualTo(new[] { a, b }));
        Assert.That(a.ClientGuid, Is.EqualTo(client.ClientGuid));
        Assert.That(b.ClientGuid, Is.EqualTo(client.ClientGuid));
        Assert.That(client.Breaks.History, Is.EqualTo(new[] { received, lease }));
        Assert.That(client.Breaks.Count, Is.Zero);
    }

    [Test]
    public async Task TheConnectionViewsCountAndTakeOnlyTheirOwnConnectionsBreaks()
    {
        var go = Gate();
        await using var serverA = Idle();
        // The lease break comes last on B: once it is in, the oplock break before it is queued.
        await using var serverB = Sending(go, OplockBreak(FileB, OplockLevel.None), LeaseBreak(KeyB, LeaseState.ReadCaching, LeaseState.None, ackRequired: false));
        var client = new ClientGlobal();
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);
        go.SetResult();
        await client.Breaks.WaitForLeaseBreakAsync(KeyB, Long);

        Assert.That(client.Breaks.Count, Is.EqualTo(1));
        Assert.That(b.PendingBreakCount, Is.EqualTo(1));
        Assert.That(a.PendingBreakCount, Is.Zero);
        var error = Assert.ThrowsAsync<Smb2ClientException>(() => a.WaitForBreakAsync(TimeSpan.FromMilliseconds(100)));
        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.BreakTimeout));
        Assert.That(error.Summary, Does.Contain("1 other notification(s) queued"));
        var (response, body) = await b.WaitForBreakNotificationAsync(Long);
        Assert.That(((OplockBreakNotification)body.Value!).FileId, Is.EqualTo(FileB));
        Assert.That(response.Bytes.Span.U64(Smb2Header.Size + 16), Is.EqualTo(FileB.Volatile));
        Assert.That(client.Breaks.Count, Is.Zero);
    }

    [Test]
    public async Task FiltersByFileIdAndLeaseKeyLeaveTheOtherBreaksQueuedInOrder()
    {
        var go = Gate();
        await using var serverA = Sending(go, OplockBreak(FileA, OplockLevel.None), LeaseBreak(KeyA, LeaseState.ReadCaching, LeaseState.None, ackRequired: false));
        await using var serverB = Sending(go, OplockBreak(FileB, OplockLevel.II), LeaseBreak(KeyB, LeaseState.ReadCaching | LeaseState.WriteCaching, LeaseState.ReadCaching));
        var client = new ClientGlobal();
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);

        // Two waiters before anything came: each gets the one its filter names, not the first to arrive.
        var forKeyA = client.Breaks.WaitForLeaseBreakAsync(KeyA, Long);
        var forKeyB = client.Breaks.WaitForLeaseBreakAsync(KeyB, Long);
        go.SetResult();
        var keyA = await forKeyA;
        var keyB = await forKeyB;
        Assert.That((keyA.Connection, keyA.LeaseKey), Is.EqualTo((a, (Guid?)KeyA)));
        Assert.That((keyB.Connection, keyB.LeaseKey), Is.EqualTo((b, (Guid?)KeyB)));

        // Each connection's oplock break came before its lease break: both are queued now, untaken.
        Assert.That(client.Breaks.Pending.Select(n => n.FileId), Is.EquivalentTo(new FileId?[] { FileA, FileB }));
        Assert.That(client.Breaks.HasArrived(n => n.FileId == FileB), Is.True);
        Assert.That(client.Breaks.HasArrived(n => n.LeaseKey == KeyA), Is.True, "taken, but it arrived");
        Assert.That(client.Breaks.HasArrived(n => n.FileId == new FileId(9, 9)), Is.False);
        Assert.That(client.Breaks.TryTake(n => n.LeaseKey == KeyA, out _), Is.False, "already taken");
        Assert.That(client.Breaks.TryTake(n => n.FileId == FileB, out var fileB), Is.True);
        Assert.That(fileB.Connection, Is.SameAs(b));
        var fileA = await client.Breaks.WaitForOplockBreakAsync(FileA, Long);
        Assert.That(fileA.Connection, Is.SameAs(a));
        Assert.That(client.Breaks.Count, Is.Zero);
        Assert.That(client.Breaks.TryTake(null, out _), Is.False);
    }

    [Test]
    public async Task BreaksOnOneConnectionAreTakenInArrivalOrder()
    {
        var go = Gate();
        var keys = Enumerable.Range(1, 5).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
        await using var server = Sending(go, [.. keys.Select(key => LeaseBreak(key, LeaseState.ReadCaching, LeaseState.None, ackRequired: false))]);
        await using var connection = await server.ConnectAsync();
        go.SetResult();
        await connection.Client.Breaks.WaitForLeaseBreakAsync(keys[^1], Long);

        Assert.That(connection.Client.Breaks.Pending.Select(n => n.LeaseKey), Is.EqualTo(keys[..^1].Select(key => (Guid?)key)));
        Assert.That(connection.Client.Breaks.TryTake(n => n.LeaseKey != keys[0], out var second), Is.True);
        Assert.That(second.LeaseKey, Is.EqualTo(keys[1]), "the oldest the filter accepts");
        Assert.That((await connection.WaitForBreakNotificationAsync(Long)).Body.Value, Is.TypeOf<LeaseBreakNotification>()
            .And.Property(nameof(LeaseBreakNotification.LeaseKey)).EqualTo(keys[0]));
    }

    [Test]
    public async Task ASignedBreakGetsItsSignatureCheckedAndAnUnsignedOneIsNotApplicable()
    {
        const ulong sessionId = 0x0000_4000_0000_0077;
        var key = Enumerable.Range(0x40, 16).Select(i => (byte)i).ToArray();
        var valid = HmacSigned(key, LeaseBreak(KeyA, LeaseState.ReadCaching, LeaseState.None, sessionId: sessionId));
        var invalid = HmacSigned(key, LeaseBreak(KeyB, LeaseState.ReadCaching, LeaseState.None, sessionId: sessionId));
        invalid[^1] ^= 0x01; // ShareMaskHint changed after signing
        var unknownSession = HmacSigned(key, OplockBreak(FileA, OplockLevel.None, sessionId: sessionId + 1));
        var unsigned = OplockBreak(FileB, OplockLevel.None, sessionId: sessionId);
        var go = Gate();
        await using var server = Sending(go, valid, invalid, unknownSession, unsigned);
        await using var connection = await server.ConnectAsync();
        Establish(connection, Dialect.Smb210, sessionId, 1, key).Session.SigningRequired = true;
        go.SetResult();

        var verdicts = new List<SignatureVerdict>();
        for (var i = 0; i < 4; i++)
        {
            verdicts.Add((await connection.Client.Breaks.WaitAsync(Long)).Signature);
        }

        Assert.That(verdicts, Is.EqualTo(new[] { SignatureVerdict.Valid, SignatureVerdict.Invalid, SignatureVerdict.NoKey, SignatureVerdict.NotApplicable }));
        Assert.That(connection.Client.Breaks.History.Select(n => n.Response.Bytes.ToArray()), Is.EqualTo(new[] { valid, invalid, unknownSession, unsigned }),
            "every one is kept, as it came");
    }

    [Test]
    public async Task AMalformedBreakIsKeptWithItsDecodeErrorAndTheNextOneStillComes()
    {
        var go = Gate();
        var malformed = new byte[30];
        malformed.AsSpan().U16(0, 30);
        await using var server = Sending(go, Notification(malformed), OplockBreak(FileA, OplockLevel.None));
        await using var connection = await server.ConnectAsync();
        go.SetResult();

        var first = await connection.Client.Breaks.WaitAsync(Long);
        var second = await connection.Client.Breaks.WaitAsync(Long);

        Assert.That(first.Body.IsSuccess, Is.False);
        Assert.That(first.DecodeError!.ToString(), Does.Contain("StructureSize").And.Contain("30"));
        Assert.That(first.OplockBreak, Is.Null);
        Assert.That(first.LeaseBreak, Is.Null);
        Assert.That(second.FileId, Is.EqualTo(FileA));
        Assert.That(connection.IsOpen, Is.True);
    }

    [Test]
    public async Task ATimeoutNamesTheFilterTheTimeoutTheQueuedBreaksAndEveryConnectionsExchange()
    {
        var go = Gate();
        FileId markerA = new(0xA, 0xA), markerB = new(0xB, 0xB);
        await using var serverA = Sending(go, LeaseBreak(KeyA, LeaseState.ReadCaching, LeaseState.None, ackRequired: false), OplockBreak(markerA, OplockLevel.None));
        await using var serverB = Sending(go, OplockBreak(FileB, OplockLevel.None), OplockBreak(markerB, OplockLevel.None));
        var client = new ClientGlobal();
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);
        go.SetResult();
        // Each connection's marker comes last: once both are taken, the other two are queued.
        await client.Breaks.WaitForOplockBreakAsync(markerA, Long);
        await client.Breaks.WaitForOplockBreakAsync(markerB, Long);

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => client.Breaks.WaitForOplockBreakAsync(FileA, TimeSpan.FromMilliseconds(150)));

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.BreakTimeout));
        Assert.That(error.Summary, Does.StartWith($"waited 150 ms for an Oplock Break Notification for FileId {FileA} (MessageId 0xFFFFFFFFFFFFFFFF) on any of the 2 open connection(s) of {client}, none came; 2 other notification(s) queued: "));
        Assert.That(error.Summary, Does.Contain(KeyA.ToString()).And.Contain(FileB.ToString()));
        Assert.That(error.Exchange, Does.Contain(a.Transport.Connection + ":").And.Contain(b.Transport.Connection + ":"));
        Assert.That(error.Exchange, Does.Contain("OplockBreak"));
        Assert.That(client.Breaks.Count, Is.EqualTo(2), "a timed-out wait takes nothing");
    }

    [Test]
    public async Task AClientWaitOutlivesALostConnectionWhileAnotherIsOpenAndFailsWithTheLast()
    {
        var closeA = Gate();
        var closeB = Gate();
        await using var serverA = Start((peer, token) => closeA.Task.WaitAsync(token));
        await using var serverB = Start((peer, token) => closeB.Task.WaitAsync(token));
        var client = new ClientGlobal();
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);
        var onClient = client.Breaks.WaitAsync(Long);
        var onA = a.WaitForBreakAsync(Long);

        closeA.SetResult();
        var aLost = Assert.ThrowsAsync<Smb2ClientException>(() => onA);
        Assert.That(aLost!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
        Assert.That(onClient.IsCompleted, Is.False, "B is still open: a break may come on it");
        Assert.That(client.ConnectionTable, Is.EqualTo(new[] { b }));
        Assert.That(client.HasOpenConnection, Is.True);

        closeB.SetResult();
        var clientLost = Assert.ThrowsAsync<Smb2ClientException>(() => onClient);
        Assert.That(clientLost!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
        Assert.That(clientLost.Summary, Does.StartWith($"a wait for an OPLOCK_BREAK notification on {client} cannot be served: "));
        Assert.That(client.ConnectionTable, Is.Empty);
        var late = Assert.ThrowsAsync<Smb2ClientException>(() => client.Breaks.WaitAsync(Long));
        Assert.That(late!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost), "no connection is open: nothing can come");
    }
}
