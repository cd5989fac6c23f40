using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ClientFixtures;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

/// <summary>
/// Leases shared by LeaseKey in the client's GlobalFileTable (3.2.1.1, 3.2.1.5): CREATE joins or adds
/// (3.2.5.7), the response contexts set state and epoch (3.2.5.7.4, 3.2.5.7.5), breaks and
/// acknowledgments update them (3.2.5.19), CLOSE of the last open removes the entry (3.2.5.9).
/// </summary>
public class GlobalFileTableTests
{
    private const ulong SessionId = 0x0000_4000_0000_0021;
    private const uint TreeId = 5;
    private static readonly Guid Key = Guid.Parse("6d1f4c43-99b5-4f0e-8a57-2d3b7b0b2c11");
    private static readonly Guid OtherKey = Guid.Parse("7e2f5d54-aac6-4f1f-9b68-3e4c8c1c3d22");
    private static readonly FileId First = new(0x100, 0x1);
    private static readonly FileId Second = new(0x200, 0x2);
    private static readonly FileId Third = new(0x300, 0x3);

    private static CreateResponseLeaseV2 GrantedV2(Guid key, LeaseState state, ushort epoch) => new() { LeaseKey = key, LeaseState = state, Epoch = epoch };

    private static byte[] Closed(Smb2Header request) => Smb2Message.For(new CloseResponse(), ResponseHeader(request)).Encode();

    [Test]
    public async Task TwoCreatesWithOneLeaseKeyShareOneLeaseAndTheLastCloseRemovesIt()
    {
        await using var server = Start(Answering(
            request => Created(request, First, OplockLevel.Lease, GrantedV2(Key, RH, 1)),
            request => Created(request, Second, OplockLevel.Lease, GrantedV2(Key, RWH, 2)),
            request => Created(request, Third, OplockLevel.Lease, GrantedV2(OtherKey, R, 1)),
            Closed, Closed, Closed));
        await using var connection = await server.ConnectAsync();
        var tree = Establish(connection, Dialect.Smb302, SessionId, TreeId);
        var table = connection.Client.GlobalFileTable;

        var first = (await connection.CreateAsync(tree, LeasedCreate("a.txt", Key, RWH, 2))).RequireOpen();
        Assert.That((first.Lease!.LeaseState, first.Lease.Epoch), Is.EqualTo((RH, (ushort)1)), "a new lease: None to RH with a newer epoch is an upgrade");
        var second = (await connection.CreateAsync(tree, LeasedCreate("a.txt", Key, RWH, 2))).RequireOpen();
        var third = (await connection.CreateAsync(tree, LeasedCreate("b.txt", OtherKey, R, 2))).RequireOpen();

        var lease = table[Key];
        Assert.That(first.Lease, Is.SameAs(lease));
        Assert.That(second.Lease, Is.SameAs(lease));
        Assert.That(third.Lease, Is.Not.SameAs(lease));
        Assert.That(lease.OpenTable, Is.EqualTo(new[] { first, second }));
        Assert.That((lease.LeaseState, lease.Epoch, lease.Version), Is.EqualTo((RWH, (ushort)2, 2)), "RH to RWH, epoch one newer: upgrade");
        Assert.That(table.Keys, Is.EquivalentTo(new[] { Key, OtherKey }));

        await connection.CloseAsync(first);
        Assert.That(table[Key].OpenTable, Is.EqualTo(new[] { second }), "one open still holds the lease");
        await connection.CloseAsync(second);
        Assert.That(table.ContainsKey(Key), Is.False, "the last open of the lease is closed (3.2.5.9)");
        Assert.That(table.ContainsKey(OtherKey), Is.True);
        await connection.CloseAsync(third);
        Assert.That(table, Is.Empty);
        Assert.That(tree.Session.OpenTable, Is.Empty);
    }

    [Test]
    public async Task TwoConnectionsOfOneClientShareTheLeaseAndPrivateConnectionsDoNot()
    {
        await using var serverA = Start(Answering(request => Created(request, First, OplockLevel.Lease, GrantedV2(Key, RH, 1))));
        await using var serverB = Start(Answering(request => Created(request, Second, OplockLevel.Lease, GrantedV2(Key, RH, 1))));
        await using var serverC = Start(Answering(request => Created(request, Third, OplockLevel.Lease, GrantedV2(Key, RH, 1))));
        var client = new ClientGlobal();
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);
        await using var c = await serverC.ConnectAsync();

        var onA = (await a.CreateAsync(Establish(a, Dialect.Smb302, SessionId, TreeId), LeasedCreate("a.txt", Key, RH, 2))).RequireOpen();
        var onB = (await b.CreateAsync(Establish(b, Dialect.Smb302, SessionId + 1, TreeId), LeasedCreate("a.txt", Key, RH, 2))).RequireOpen();
        var onC = (await c.CreateAsync(Establish(c, Dialect.Smb302, SessionId, TreeId), LeasedCreate("a.txt", Key, RH, 2))).RequireOpen();

        Assert.That(onB.Lease, Is.SameAs(onA.Lease));
        Assert.That(onA.Lease!.OpenTable, Is.EqualTo(new[] { onA, onB }));
        Assert.That(onC.Lease, Is.Not.SameAs(onA.Lease), "another client, another GlobalFileTable");
        Assert.That(c.Client.GlobalFileTable[Key].OpenTable, Is.EqualTo(new[] { onC }));
    }

    [Test]
    public async Task AV2BreakMovesStateAndEpochAndItsAcknowledgmentEndsTheBreak()
    {
        LeaseBreakAcknowledgment? acknowledged = null;
        byte[]? acknowledgmentBytes = null;
        var more = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = Start(async (peer, token) =>
        {
            var create = (await ReceiveRequestsAsync(peer, token))[0].Header;
            await peer.SendAsync(Created(create, First, OplockLevel.Lease, GrantedV2(Key, RWH, 1)), token);
            await peer.SendAsync(LeaseBreak(Key, RWH, RH, newEpoch: 2), token);
            var ack = (await ReceiveRequestsAsync(peer, token))[0];
            acknowledgmentBytes = ack.Bytes.ToArray();
            acknowledged = LeaseBreakAcknowledgment.Read(ack.Bytes).Unwrap();
            await peer.SendAsync(Smb2Message.For(new LeaseBreakResponse { LeaseKey = Key, LeaseState = RH }, ResponseHeader(ack.Header)).Encode(), token);
            // Then a break without a newer epoch, and one asking no acknowledgment.
            await more.Task.WaitAsync(token);
            await peer.SendAsync(LeaseBreak(Key, RH, R, newEpoch: 2), token);
            await last.Task.WaitAsync(token);
            await peer.SendAsync(LeaseBreak(Key, RH, R, newEpoch: 3, ackRequired: false), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();
        var tree = Establish(connection, Dialect.Smb302, SessionId, TreeId);
        var open = (await connection.CreateAsync(tree, LeasedCreate("a.txt", Key, RWH, 2))).RequireOpen();
        var lease = open.Lease!;

        var notification = await connection.Client.Breaks.WaitForLeaseBreakAsync(Key, TimeSpan.FromSeconds(5));
        Assert.That(notification.Lease, Is.SameAs(lease));
        Assert.That((lease.Breaking, lease.BreakToLeaseState, lease.LeaseState, lease.Epoch), Is.EqualTo((true, RH, RH, (ushort)2)),
            "3.2.5.19.2: NewEpoch is newer, so File.LeaseState and File.LeaseEpoch take the notification's");

        // Any state goes out as asked: W alone is no valid lease state.
        await connection.LeaseBreakAcknowledgmentAsync(tree, Key, LeaseState.WriteCaching);
        Assert.That(acknowledged!.LeaseState, Is.EqualTo(LeaseState.WriteCaching));
        Assert.That(acknowledgmentBytes.AsSpan(Smb2Header.Size).ToArray(), Is.EqualTo(Convert.FromHexString(
            "2400" + "0000" + "00000000" + Convert.ToHexString(Key.ToByteArray()) + "04000000" + "0000000000000000")));
        Assert.That((lease.Breaking, lease.LeaseState), Is.EqualTo((false, RH)), "the response's state; the break is over");
        more.SetResult();

        var stale = await connection.Client.Breaks.WaitForLeaseBreakAsync(Key, TimeSpan.FromSeconds(5));
        Assert.That((lease.Breaking, lease.BreakToLeaseState, lease.LeaseState, lease.Epoch), Is.EqualTo((true, R, RH, (ushort)2)),
            "NewEpoch 2 is not newer than 2: the state stays");
        Assert.That(stale.LeaseBreak!.NewEpoch, Is.EqualTo(2));
        last.SetResult();
        await connection.Client.Breaks.WaitForLeaseBreakAsync(Key, TimeSpan.FromSeconds(5));
        Assert.That((lease.Breaking, lease.LeaseState, lease.Epoch), Is.EqualTo((false, R, (ushort)3)), "no acknowledgment asked: not breaking");
    }

    [Test]
    public async Task AV1LeaseTakesTheStateOfItsResponseAndOfEveryBreak()
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = Start(async (peer, token) =>
        {
            var create = (await ReceiveRequestsAsync(peer, token))[0].Header;
            await peer.SendAsync(Created(create, First, OplockLevel.Lease, new CreateResponseLease { LeaseKey = Key, LeaseState = RWH }), token);
            await go.Task.WaitAsync(token);
            await peer.SendAsync(LeaseBreak(Key, RWH, R), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();
        var tree = Establish(connection, Dialect.Smb210, SessionId, TreeId);

        var lease = (await connection.CreateAsync(tree, LeasedCreate("a.txt", Key, RWH, 1))).RequireOpen().Lease!;
        Assert.That((lease.Version, lease.LeaseState), Is.EqualTo((1, RWH)));
        go.SetResult();
        await connection.Client.Breaks.WaitForLeaseBreakAsync(Key, TimeSpan.FromSeconds(5));
        Assert.That((lease.Breaking, lease.LeaseState, lease.Epoch), Is.EqualTo((true, R, (ushort)0)));
    }

    [Test]
    public async Task ALeaseTheServerDidNotGrantIsStillTheOpensFileWithStateNone()
    {
        await using var server = Start(Answering(request => Created(request, First, OplockLevel.None)));
        await using var connection = await server.ConnectAsync();
        var tree = Establish(connection, Dialect.Smb302, SessionId, TreeId);

        var open = (await connection.CreateAsync(tree, LeasedCreate("a.txt", Key, RWH, 2))).RequireOpen();

        Assert.That(open.Lease, Is.SameAs(connection.Client.GlobalFileTable[Key]));
        Assert.That((open.Lease!.LeaseState, open.Lease.Version, open.OplockLevel), Is.EqualTo((LeaseState.None, 2, OplockLevel.None)));
    }

    [Test]
    public async Task AnOplockBreakNamesItsOpenAndTheAcknowledgmentSetsTheLevelOrNoneOnError()
    {
        byte[]? acknowledgment = null;
        await using var server = Start(async (peer, token) =>
        {
            var create = (await ReceiveRequestsAsync(peer, token))[0].Header;
            await peer.SendAsync(Created(create, First, OplockLevel.Batch), token);
            await peer.SendAsync(OplockBreak(First, OplockLevel.II), token);
            var ack = (await ReceiveRequestsAsync(peer, token))[0];
            acknowledgment = ack.Bytes.ToArray();
            await peer.SendAsync(Smb2Message.For(new OplockBreakResponse { FileId = First, OplockLevel = OplockLevel.II }, ResponseHeader(ack.Header)).Encode(), token);
            var again = (await ReceiveRequestsAsync(peer, token))[0].Header;
            await peer.SendAsync(new Smb2Message(ResponseHeader(again, NtStatus.InvalidDeviceState), ErrorBody(Smb2Command.OplockBreak)).Encode(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var connection = await server.ConnectAsync();
        var tree = Establish(connection, Dialect.Smb210, SessionId, TreeId);
        var open = (await connection.CreateAsync(tree, new CreateRequest { Name = "a.txt", RequestedOplockLevel = OplockLevel.Batch })).RequireOpen();

        var notification = await connection.Client.Breaks.WaitForOplockBreakAsync(First, TimeSpan.FromSeconds(5));
        Assert.That(notification.Open, Is.SameAs(open));
        Assert.That(open.OplockLevel, Is.EqualTo(OplockLevel.Batch), "the level changes with the acknowledgment");

        // Batch is no level to break to; it goes out as asked.
        await connection.OplockBreakAcknowledgmentAsync(open, OplockLevel.Batch);
        Assert.That(acknowledgment.AsSpan(Smb2Header.Size).ToArray(), Is.EqualTo(Convert.FromHexString(
            "1800" + "09" + "00" + "00000000" + "0001000000000000" + "0100000000000000")));
        Assert.That(open.OplockLevel, Is.EqualTo(OplockLevel.II), "the response's level");
        var failed = await connection.OplockBreakAcknowledgmentAsync(open, OplockLevel.None);
        Assert.That(failed.Status, Is.EqualTo(NtStatus.InvalidDeviceState));
        Assert.That(open.OplockLevel, Is.EqualTo(OplockLevel.None), "3.2.5.19.3: an error sets NONE");
    }
}
