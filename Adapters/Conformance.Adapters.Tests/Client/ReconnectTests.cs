using System.Diagnostics;
using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ClientFixtures;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

/// <summary>
/// Dropping a connection abruptly (<see cref="Connection.AbortAsync"/>) and re-establishing a durable open
/// on another connection of the client (3.2.4.4, 3.2.5.8): the CREATE's bytes and the rebound Open.
/// </summary>
public class ReconnectTests
{
    private const ulong SessionA = 0x0000_4000_0000_00A1;
    private const ulong SessionB = 0x0000_4000_0000_00B2;
    private const uint TreeA = 3;
    private const uint TreeB = 9;
    private const string Name = @"dir\a.txt";
    private static readonly Guid Key = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
    private static readonly Guid CreateGuid = Guid.Parse("f0e1d2c3-b4a5-4968-8778-695a4b3c2d1e");
    private static readonly FileId Original = new(0x0000_0000_0000_7001, 0x0000_0000_0000_0011);
    private static readonly FileId Reopened = new(0x0000_0000_0000_7001, 0x0000_0000_0000_0022);

    private static string Hex(FileId fileId)
    {
        var bytes = new byte[16];
        fileId.WriteTo(bytes);
        return Convert.ToHexString(bytes);
    }

    private static string Hex(Guid guid) => Convert.ToHexString(guid.ToByteArray());

    private static CreateRequest DurableCreate(int version) => new()
    {
        Name = Name,
        RequestedOplockLevel = OplockLevel.Lease,
        DesiredAccess = AccessMask.GenericRead | AccessMask.GenericWrite,
        FileAttributes = Adapters.Wire.Messages.FileAttributes.Normal,
        ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareDelete,
        CreateDisposition = CreateDisposition.FileOpenIf,
        CreateOptions = CreateOptions.FileNonDirectoryFile,
        CreateContexts = version == 2
            ? [new CreateDurableHandleRequestV2 { Timeout = 60000, CreateGuid = CreateGuid }, new CreateRequestLeaseV2 { LeaseKey = Key, LeaseState = RWH }]
            : [new CreateDurableHandleRequest(), new CreateRequestLease { LeaseKey = Key, LeaseState = RWH }],
    };

    /// <summary>Answers the CREATE with a durable, leased open, then waits for the client to go; <paramref name="ended"/> says how.</summary>
    private static ScriptedServer Granting(int version, TaskCompletionSource<TransportErrorKind> ended) => Start(async (peer, token) =>
    {
        var create = (await ReceiveRequestsAsync(peer, token))[0].Header;
        await peer.SendAsync(version == 2
            ? Created(create, Original, OplockLevel.Lease, new CreateDurableHandleResponseV2 { Timeout = 60000 }, new CreateResponseLeaseV2 { LeaseKey = Key, LeaseState = RWH, Epoch = 1 })
            : Created(create, Original, OplockLevel.Lease, new CreateDurableHandleResponse(), new CreateResponseLease { LeaseKey = Key, LeaseState = RWH }), token);
        try
        {
            await peer.ReceiveAsync(TimeSpan.FromSeconds(5), token);
        }
        catch (TransportException e)
        {
            ended.SetResult(e.Kind);
        }
    });

    /// <summary>Keeps the CREATE it receives and answers it with <paramref name="respond"/>.</summary>
    private static ScriptedServer Reestablishing(List<MessageSlice> received, Func<Smb2Header, byte[]> respond) => Start(async (peer, token) =>
    {
        var create = (await ReceiveRequestsAsync(peer, token))[0];
        received.Add(create);
        await peer.SendAsync(respond(create.Header), token);
        await Task.Delay(Timeout.Infinite, token);
    });

    /// <summary>An open made durable and leased on connection A, A aborted, and connection B of the same client with its own session and tree.</summary>
    private static async Task<(Open Open, Connection A, Connection B, TreeConnect TreeB)> DisconnectedOpenAsync(
        Dialect dialect, int version, ScriptedServer serverA, ScriptedServer serverB, TaskCompletionSource<TransportErrorKind> endedA, ClientGlobal client)
    {
        var a = await serverA.ConnectAsync(client: client);
        var open = (await a.CreateAsync(Establish(a, dialect, SessionA, TreeA), DurableCreate(version))).RequireOpen();
        await a.AbortAsync();
        Assert.That(await endedA.Task.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo(TransportErrorKind.ConnectionFailed), "the server side sees a reset");
        var b = await serverB.ConnectAsync(client: client);
        return (open, a, b, Establish(b, dialect, SessionB, TreeB));
    }

    [Test]
    public async Task ADurableV2ReconnectCarriesDh2cAndTheV2LeaseAndRebindsTheOpen()
    {
        var endedA = new TaskCompletionSource<TransportErrorKind>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new List<MessageSlice>();
        await using var serverA = Granting(2, endedA);
        await using var serverB = Reestablishing(received, request => Created(request, Reopened, OplockLevel.Lease, new CreateResponseLeaseV2 { LeaseKey = Key, LeaseState = RH, Epoch = 3 }));
        var client = new ClientGlobal();
        var (open, a, b, treeB) = await DisconnectedOpenAsync(Dialect.Smb302, 2, serverA, serverB, endedA, client);
        await using var disposeA = a;
        await using var disposeB = b;
        var sessionA = a.SessionTable[SessionA];
        Assert.That((open.Durable, open.DurableTimeout, open.CreateGuid, open.IsPersistent), Is.EqualTo((true, 60000u, CreateGuid, false)));
        Assert.That(open.LastDisconnectTime, Is.Not.Null, "set when its connection was lost");
        Assert.That(client.ConnectionTable, Is.EqualTo(new[] { b }));

        var result = await b.ReconnectAsync(open, treeB, ReconnectKind.DurableV2);

        var request = received.Single();
        Assert.That((request.Header.SessionId, request.Header.TreeId), Is.EqualTo((SessionB, TreeB)));
        var body = request.Bytes.Span[Smb2Header.Size..];
        // 3.2.4.4 for a 3.x dialect: oplock level of the open, ImpersonationLevel 0, the open's access, attributes, sharing, disposition, options.
        Assert.That(Convert.ToHexString(body[..56]), Is.EqualTo(
            "3900" + "00" + "FF" + "00000000" + "0000000000000000" + "0000000000000000" + "000000C0" + "80000000" + "05000000" + "03000000" + "40000000" +
            "7800" + "1200" + "90000000" + "8C000000"));
        Assert.That(request.Bytes.Span.Slice(0x78, 18).ToArray(), Is.EqualTo(System.Text.Encoding.Unicode.GetBytes(Name)));
        Assert.That(Convert.ToHexString(request.Bytes.Span.Slice(0x90, 0x8C)), Is.EqualTo(
            // DH2C: Next 64, name at 16, data at 24 (36 bytes): FileId, CreateGuid, Flags 0; 4 bytes of padding.
            "40000000" + "1000" + "0400" + "0000" + "1800" + "24000000" + "44483243" + "00000000" + Hex(Original) + Hex(CreateGuid) + "00000000" + "00000000" +
            // RqLs v2: LeaseKey, File.LeaseState RWH, Flags 0, LeaseDuration 0, ParentLeaseKey 0, Epoch 0, Reserved.
            "00000000" + "1000" + "0400" + "0000" + "1800" + "34000000" + "52714C73" + "00000000" + Hex(Key) + "07000000" + "00000000" + "0000000000000000" +
            Hex(Guid.Empty) + "0000" + "0000"));

        Assert.That(result.Open, Is.SameAs(open));
        Assert.That(open.FileId, Is.EqualTo(Reopened));
        Assert.That(open.TreeConnect, Is.SameAs(treeB));
        Assert.That(open.Connection, Is.SameAs(b));
        Assert.That(sessionA.OpenTable, Is.Empty);
        Assert.That(treeB.Session.OpenTable[Reopened], Is.SameAs(open));
        Assert.That(open.Lease, Is.SameAs(client.GlobalFileTable[Key]));
        Assert.That((open.Lease!.LeaseState, open.Lease.Epoch, open.Lease.OpenTable.Single()), Is.EqualTo((RH, (ushort)3, open)), "3.2.5.8: the response's state");
    }

    [Test]
    public async Task ADurableV1ReconnectAt21CarriesDhncAndTheV1LeaseWithZeroedFields()
    {
        var endedA = new TaskCompletionSource<TransportErrorKind>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new List<MessageSlice>();
        await using var serverA = Granting(1, endedA);
        await using var serverB = Reestablishing(received, request => Created(request, Reopened, OplockLevel.Lease, new CreateResponseLease { LeaseKey = Key, LeaseState = RWH }));
        var (open, a, b, treeB) = await DisconnectedOpenAsync(Dialect.Smb210, 1, serverA, serverB, endedA, new ClientGlobal());
        await using var disposeA = a;
        await using var disposeB = b;

        var result = await b.ReconnectAsync(open, treeB, ReconnectKind.DurableV1);

        var request = received.Single();
        var body = request.Bytes.Span[Smb2Header.Size..];
        // 3.2.4.4 for 2.1: every field but the oplock level and the name is 0.
        Assert.That(Convert.ToHexString(body[..56]), Is.EqualTo(
            "3900" + "00" + "FF" + "00000000" + "0000000000000000" + "0000000000000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" +
            "7800" + "1200" + "90000000" + "60000000"));
        Assert.That(Convert.ToHexString(request.Bytes.Span.Slice(0x90, 0x60)), Is.EqualTo(
            // DHnC: Next 40, data at 24: the FileId.
            "28000000" + "1000" + "0400" + "0000" + "1800" + "10000000" + "44486E43" + "00000000" + Hex(Original) +
            // RqLs v1: LeaseKey, File.LeaseState RWH, LeaseFlags 0, LeaseDuration 0.
            "00000000" + "1000" + "0400" + "0000" + "1800" + "20000000" + "52714C73" + "00000000" + Hex(Key) + "07000000" + "00000000" + "0000000000000000"));
        Assert.That(result.Open, Is.SameAs(open));
        Assert.That((open.FileId, open.Connection, open.TreeConnect), Is.EqualTo((Reopened, b, treeB)));
        Assert.That((open.Lease!.Version, open.Lease.LeaseState), Is.EqualTo((1, RWH)));
    }

    [Test]
    public async Task AnAdjustedReconnectGoesOutAsAdjustedAndAFailureLeavesTheOpenAsItWas()
    {
        var endedA = new TaskCompletionSource<TransportErrorKind>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new List<MessageSlice>();
        await using var serverA = Granting(2, endedA);
        await using var serverB = Reestablishing(received, request => new Smb2Message(ResponseHeader(request, NtStatus.ObjectNameNotFound), ErrorBody(Smb2Command.Create)).Encode());
        var client = new ClientGlobal();
        var (open, a, b, treeB) = await DisconnectedOpenAsync(Dialect.Smb302, 2, serverA, serverB, endedA, client);
        await using var disposeA = a;
        await using var disposeB = b;
        var treeA = open.TreeConnect;

        var result = await b.ReconnectAsync(open, treeB, ReconnectKind.DurableV2, request =>
        {
            request.Name = "other";
            request.CreateContexts.RemoveAll(context => context is CreateRequestLeaseV2);
        });

        var sent = CreateRequest.Read(received.Single().Bytes).Unwrap();
        Assert.That(sent.Name, Is.EqualTo("other"));
        Assert.That(sent.CreateContexts.Single(), Is.TypeOf<CreateDurableHandleReconnectV2>());
        Assert.That(result.Open, Is.Null);
        Assert.That(result.Status, Is.EqualTo(NtStatus.ObjectNameNotFound));
        Assert.That((open.FileId, open.Connection, open.TreeConnect), Is.EqualTo((Original, a, treeA)));
        Assert.That(treeA.Session.OpenTable[Original], Is.SameAs(open));
        Assert.That(treeB.Session.OpenTable, Is.Empty);
        Assert.That(client.GlobalFileTable[Key].OpenTable.Single(), Is.SameAs(open), "the lease keeps the open for another attempt");
    }

    [Test]
    public async Task AbortFailsOutstandingRequestsPromptlyWithConnectionLostAndTheServerSeesAReset()
    {
        var ended = new TaskCompletionSource<TransportErrorKind>(TaskCreationOptions.RunContinuationsAsynchronously);
        var endedWith = "";
        await using var server = Start(async (peer, token) =>
        {
            await ReceiveRequestsAsync(peer, token);
            try
            {
                await peer.ReceiveAsync(TimeSpan.FromSeconds(5), token);
            }
            catch (TransportException e)
            {
                endedWith = e.Message;
                ended.SetResult(e.Kind);
            }
        });
        await using var connection = await server.ConnectAsync(responseTimeout: TimeSpan.FromSeconds(8));
        var pending = (await connection.PostAsync([new Smb2Request(Smb2Message.For(new EchoRequest()))]))[0]!;

        var clock = Stopwatch.StartNew();
        await connection.AbortAsync();
        var error = Assert.ThrowsAsync<Smb2ClientException>(() => pending.WaitAsync());
        clock.Stop();

        Assert.That(error!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
        Assert.That(error.Summary, Does.Contain("ECHO (MessageId 0) got no response").And.Contain("aborted (TCP reset)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "not the 8 s response timeout");
        Assert.That(connection.IsOpen, Is.False);
        Assert.That(connection.Transport.IsOpen, Is.False);
        Assert.That(await ended.Task.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo(TransportErrorKind.ConnectionFailed));
        Assert.That(endedWith, Does.Contain("ConnectionReset"));
        var next = Assert.ThrowsAsync<Smb2ClientException>(() => connection.SendAsync(new Smb2Request(Smb2Message.For(new EchoRequest()))));
        Assert.That(next!.Kind, Is.EqualTo(ClientErrorKind.ConnectionLost));
    }
}
