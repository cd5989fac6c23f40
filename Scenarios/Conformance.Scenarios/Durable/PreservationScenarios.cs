using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// Which opens outlive their connection (3.3.7.1: durable ones whose batch oplock or handle-caching
/// lease is held and not breaking, and resilient ones; all others closed), what LOGOFF and
/// TREE_DISCONNECT do to a durable open, and what another client's open does to a disconnected one
/// (a break it cannot deliver closes it when handle caching would go: 3.3.4.6, 3.3.4.7).
/// </summary>
public static class PreservationScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.7.1", Requirements = ["3.3.7.1#07", "3.3.7.1#14"],
        Title = "A durable open whose batch oplock was broken to level II is not preserved: its reconnect after the disconnect fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task LevelTwoIsNotPreserved(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var path = context.ScratchPath("level-two");
        var open = await DurableOpenAsync(context, client, V1(path));
        var other = await context.LogOnAsync();
        var second = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen));
        await OplockSteps.ExpectBreakAsync(context, client, open, "3.3.4.6", null, "the durable batch open, after another client's open");
        await client.Connection.OplockBreakAcknowledgmentAsync(open, OplockLevel.II, context.CancellationToken);
        await OplockSteps.CompletionOfAsync(context, second);
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.7.1", "3.3.7.1#14", "DHnC of a durable open that held level II when its connection was lost (closed, not preserved)", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.7.1", "3.3.4.7", Requirements = ["3.3.7.1#07", "3.3.7.1#14", "3.3.4.7#18"],
        Title = "A durable leased open whose lease break is unacknowledged when the connection is lost is not preserved (Open.OplockState Breaking): its reconnect fails")]
    public static async Task BreakingLeaseIsNotPreserved(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath("breaking");
        var key = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client,
            With(Request(path, Context(2, key, RWH), CreateDisposition.FileCreate), new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout }));
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var second = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen));
        await ExpectBreakAsync(context, client, key, "3.3.4.7", "3.3.4.7#11", "the durable RWH lease, after another client's open");
        await DisconnectAsync(context, client);
        context.CheckStatus("3.3.4.7", null, "the other client's open once the holder's connection is gone", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2);
        context.CheckStatus("3.3.7.1", "3.3.7.1#14", "DH2C of a durable open whose lease was breaking when its connection was lost", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.7.1", Requirements = ["3.3.7.1#07", "3.3.7.1#14"],
        Title = "An open that is not durable is closed with its connection: another client can then open the file with no sharing at all")]
    public static async Task PlainOpenIsClosed(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var path = context.ScratchPath("plain");
        await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(path, OplockLevel.Batch, CreateDisposition.FileCreate, share: ShareAccess.None));
        await DisconnectAsync(context, client);
        var other = await context.LogOnAsync();
        var opened = await other.Connection.CreateAsync(other.Tree, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen, share: ShareAccess.None), context.CancellationToken);
        context.CheckStatus("3.3.7.1", "3.3.7.1#14", "an exclusive open of the file after its non-durable holder's connection was lost", NtStatus.Success, opened.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.7.1", "3.3.4.7", Requirements = ["3.3.7.1#07", "3.3.7.1#10"],
        Title = "3.x: a disconnected durable RH lease is left alone by another client's open that takes nothing it caches: the reconnect then succeeds")]
    public static async Task NonConflictingOpenLeavesItAlone(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath("rh-disconnected");
        var key = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client,
            With(Request(path, Context(2, key, RH), CreateDisposition.FileCreate), new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout }));
        await DisconnectAsync(context, client);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var opened = await other.Connection.CreateAsync(other.Tree, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen, AccessMask.GenericRead), context.CancellationToken);
        context.CheckStatus("3.3.7.1", null, "another client's reading open beside the disconnected durable open", NtStatus.Success, opened.Status);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2);
        context.CheckStatus("3.3.7.1", "3.3.7.1#07", "DH2C after another client's non-conflicting open (the RH lease untouched)", NtStatus.Success, reconnected.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.4.7", Requirements = ["3.3.4.7#07", "3.3.4.7#08"],
        Title = "3.x: a write by another client takes a disconnected durable RH lease's caching: the durable open is closed and its reconnect fails")]
    public static async Task HandleLostWhileDisconnectedClosesIt(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath("rh-written");
        var key = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client,
            With(Request(path, Context(2, key, RH), CreateDisposition.FileCreate), new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout }));
        await DisconnectAsync(context, client);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var writer = await OplockSteps.OpenAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen));
        var written = await other.Connection.WriteAsync(writer, 0, "written"u8.ToArray(), context.CancellationToken);
        context.CheckStatus("3.3.4.7", null, "another client's WRITE beside the disconnected durable open", NtStatus.Success, written.Status);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2);
        context.CheckStatus("3.3.4.7", "3.3.4.7#08", "DH2C after a write broke the disconnected open's lease to NONE (the open was closed)", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.4.6", Requirements = ["3.3.4.6#06"],
        Title = "Another client's open of a file whose durable batch holder is disconnected does not wait: the holder's open is closed (its break has no connection) and its reconnect fails")]
    public static async Task ConflictPurgesADisconnectedBatchOpen(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var path = context.ScratchPath("batch-purged");
        var open = await DurableOpenAsync(context, client, V1(path));
        await DisconnectAsync(context, client);
        var other = await context.LogOnAsync();
        var opened = await other.Connection.CreateAsync(other.Tree, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen), context.CancellationToken);
        context.CheckStatus("3.3.4.6", "3.3.4.6#06", "another client's open of the file", NtStatus.Success, opened.Status);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.4.6", "3.3.4.6#06", "DHnC after another client's open broke the disconnected batch oplock", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.6", Requirements = [],
        Title = "A durable open outlives the LOGOFF of its session (3.3.5.6 keeps durable opens): a DHnC on a new session then succeeds")]
    public static async Task LogoffKeepsDurableOpens(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var open = await DurableOpenAsync(context, client, V1(context.ScratchPath("logoff")));
        var loggedOff = await client.Connection.LogoffAsync(client.Session, context.CancellationToken);
        context.CheckStatus("3.3.5.6", null, "LOGOFF of the session holding the durable open", NtStatus.Success, loggedOff.Status);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.5.6", null, "DHnC after the LOGOFF (3.3.5.6: Open.Session set to NULL, the open kept)", NtStatus.Success, reconnected.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.8", Requirements = [],
        Title = "A TREE_DISCONNECT closes the tree's durable opens too (3.3.5.8): a DHnC afterwards fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task TreeDisconnectClosesDurableOpens(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var open = await DurableOpenAsync(context, client, V1(context.ScratchPath("tree-disconnect")));
        var disconnected = await client.Connection.TreeDisconnectAsync(client.Tree, context.CancellationToken);
        context.CheckStatus("3.3.5.8", null, "TREE_DISCONNECT of the tree holding the durable open", NtStatus.Success, disconnected.Status);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.5.8", null, "DHnC after the TREE_DISCONNECT (3.3.5.8 closed the open)", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#24", "3.3.5.9.12#25", "3.3.5.9.12#26", "3.3.5.9.12#27", "3.3.5.9.12#28", "3.3.5.9.12#29", "3.3.5.9.12#31"],
        Title = "3.x: a DH2C of a durable RWH lease is answered with the lease (v2): its key, its state, the request's ParentLeaseKey and, with write caching, the request's Epoch")]
    public static async Task ReconnectAnswersTheLeaseV2(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath("reconnect-lease");
        var key = Guid.NewGuid();
        var parent = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client, With(Request(path, Context(2, key, RWH, parentLeaseKey: parent), CreateDisposition.FileCreate),
            new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout }));
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2, request =>
            request.CreateContexts.OfType<CreateRequestLeaseV2>().Single().Epoch = 7);
        var response = context.CheckBody("3.3.5.9.12", "DH2C with a v2 lease context (Epoch 7)", reconnected.Response);
        var grant = ExpectGrant(context, "3.3.5.9.12", "3.3.5.9.12#24", "the reconnect of a leased durable open", response);
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#24", "version of the response lease context", 2, grant.Version);
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#26", "LeaseKey of the response", key, grant.LeaseKey);
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#27", "LeaseState of the response", RWH, grant.LeaseState, Name);
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#28", "ParentLeaseKey of the response", parent, grant.ParentLeaseKey);
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#29", "Epoch of the response (write caching: the request's Epoch)", (ushort)7, grant.Epoch);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#30", "3.3.5.9.12#31"],
        Title = "3.x: a DH2C of a durable RH lease answers the request's Epoch + 1 (no write caching)")]
    public static async Task ReconnectEpochWithoutWriteCaching(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath("reconnect-rh");
        var key = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client, With(Request(path, Context(2, key, RH), CreateDisposition.FileCreate),
            new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout }));
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2, request =>
            request.CreateContexts.OfType<CreateRequestLeaseV2>().Single().Epoch = 7);
        var grant = ExpectGrant(context, "3.3.5.9.12", "3.3.5.9.12#31", "the reconnect of an RH-leased durable open", context.CheckBody("3.3.5.9.12", "DH2C (Epoch 7)", reconnected.Response));
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#30", "Epoch of the response (no write caching: the request's Epoch + 1)", (ushort)8, grant.Epoch);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#21", "3.3.5.9.7#22", "3.3.5.9.7#23", "3.3.5.9.7#24", "3.3.5.9.7#25"],
        Title = "3.x: a DHnC of a durable v2 lease is answered with a v2 lease context: its key, its state, the request's ParentLeaseKey")]
    public static Task DhncAnswersAV2Lease(ScenarioContext context) => DhncLeaseAsync(context, 2, null);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#26", "3.3.5.9.7#27", "3.3.5.9.7#28", "3.3.5.9.7#29"],
        Title = "3.x: a DHnC of a durable v1 lease is answered with a v1 lease context: its key and state")]
    public static Task DhncAnswersAV1Lease(ScenarioContext context) => DhncLeaseAsync(context, 1, null);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#30", "3.3.5.9.7#31", "3.3.5.9.7#32", "3.3.5.9.7#33"],
        Title = "2.1: a DHnC of a durable lease is answered with a v1 lease context: its key and state")]
    public static Task DhncAnswersALeaseAt21(ScenarioContext context) => DhncLeaseAsync(context, 1, Dialect.Smb210);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#32", "3.3.5.9.12#33", "3.3.5.9.12#34", "3.3.5.9.12#35"],
        Title = "3.x: a DH2C of a durable v1 lease is answered with a v1 lease context: its key and state")]
    public static async Task Dh2cAnswersAV1Lease(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath("dh2c-v1-lease");
        var key = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client, With(Request(path, Context(1, key, RWH), CreateDisposition.FileCreate),
            new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout }));
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2);
        var grant = ExpectGrant(context, "3.3.5.9.12", "3.3.5.9.12#32", "the DH2C of a v1-leased durable open", context.CheckBody("3.3.5.9.12", "DH2C with a v1 lease context", reconnected.Response));
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#32", "version of the response lease context", 1, grant.Version);
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#34", "LeaseKey of the response", key, grant.LeaseKey);
        context.CheckEqual("3.3.5.9.12", "3.3.5.9.12#35", "LeaseState of the response", RWH, grant.LeaseState, Name);
    }

    private static async Task DhncLeaseAsync(ScenarioContext context, int version, Dialect? dialect)
    {
        var client = await LeaseSteps.ClientAsync(context, version, dialect ?? Smb3LeasingDialect(context));
        var path = context.ScratchPath($"dhnc-lease-v{version}");
        var key = Guid.NewGuid();
        var parent = version == 2 ? Guid.NewGuid() : (Guid?)null;
        var open = await DurableOpenAsync(context, client, With(Request(path, Context(version, key, RWH, parentLeaseKey: parent), CreateDisposition.FileCreate), new CreateDurableHandleRequest()));
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        var response = context.CheckBody("3.3.5.9.7", $"DHnC of a durable v{version} lease at {client.Connection.Dialect?.ToDisplayString()}", reconnected.Response);
        var (first, key1, state1) = (version, dialect) switch
        {
            (2, _) => ("3.3.5.9.7#21", "3.3.5.9.7#23", "3.3.5.9.7#24"),
            (_, Dialect.Smb210) => ("3.3.5.9.7#30", "3.3.5.9.7#32", "3.3.5.9.7#33"),
            _ => ("3.3.5.9.7#26", "3.3.5.9.7#28", "3.3.5.9.7#29"),
        };
        var grant = ExpectGrant(context, "3.3.5.9.7", first, "the DHnC of a leased durable open", response);
        context.CheckEqual("3.3.5.9.7", first, "version of the response lease context (the lease's own)", version, grant.Version);
        context.CheckEqual("3.3.5.9.7", key1, "LeaseKey of the response", key, grant.LeaseKey);
        context.CheckEqual("3.3.5.9.7", state1, "LeaseState of the response", RWH, grant.LeaseState, Name);
        if (parent is { } expectedParent)
        {
            context.CheckEqual("3.3.5.9.7", "3.3.5.9.7#25", "ParentLeaseKey of the response (the request's)", expectedParent, grant.ParentLeaseKey);
        }
    }
}
