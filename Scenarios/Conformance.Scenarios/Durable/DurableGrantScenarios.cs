using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// Asking for durability (3.3.5.9.6 for DHnQ, 3.3.5.9.10 for DH2Q): granted with a batch oplock or a
/// lease with handle caching and answered with the response context of its version (2.2.14.2.3,
/// 2.2.14.2.12); ignored without either; the combinations of durability contexts that are refused.
/// </summary>
public static class DurableGrantScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", "2.2.14.2.3", Requirements = ["3.3.5.9.6#05", "3.3.5.9.6#07", "2.2.14.2.3#01", "2.2.14.2.3#03", "2.2.14.2.3#04"],
        Title = "2.0.2: a DHnQ with a batch oplock gets SMB2_CREATE_DURABLE_HANDLE_RESPONSE (8 reserved bytes of 0)")]
    public static Task V1WithBatchAt202(ScenarioContext context) => V1GrantedAsync(context, Dialect.Smb202);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", "2.2.14.2.3", Requirements = ["3.3.5.9.6#05", "3.3.5.9.6#07", "2.2.14.2.3#01", "2.2.14.2.3#04"],
        Title = "2.1: a DHnQ with a batch oplock gets SMB2_CREATE_DURABLE_HANDLE_RESPONSE")]
    public static Task V1WithBatchAt210(ScenarioContext context) => V1GrantedAsync(context, Dialect.Smb210);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", "2.2.14.2.3", Requirements = ["3.3.5.9.6#05", "3.3.5.9.6#07", "2.2.14.2.3#01", "2.2.14.2.3#04"],
        Title = "3.x: a DHnQ with a batch oplock gets SMB2_CREATE_DURABLE_HANDLE_RESPONSE")]
    public static Task V1WithBatchAt3x(ScenarioContext context) => V1GrantedAsync(context, null);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", "2.2.14.2.3", Requirements = ["3.3.5.9.6#03", "2.2.14.2.3#02"],
        Title = "A DHnQ with a level II oplock (neither batch nor a handle-caching lease) is ignored: no durable handle response")]
    public static Task V1WithLevelTwoIsIgnored(ScenarioContext context) =>
        IgnoredAsync(context, SessionSteps.LeasingDialect(context), V1(context.ScratchPath("v1-level2"), OplockLevel.II), "3.3.5.9.6", "3.3.5.9.6#03");

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", Requirements = ["3.3.5.9.6#03"],
        Title = "A DHnQ with no oplock at all is ignored: no durable handle response")]
    public static Task V1WithoutOplockIsIgnored(ScenarioContext context) =>
        IgnoredAsync(context, context.Capabilities.HighestDialect, V1(context.ScratchPath("v1-none"), OplockLevel.None), "3.3.5.9.6", "3.3.5.9.6#03");

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", Requirements = ["3.3.5.9.6#03", "3.3.5.9.6#05", "3.3.5.9.6#07"],
        Title = "3.x: a DHnQ with an RWH lease (handle caching) is granted")]
    public static async Task V1WithHandleLease(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var request = With(Request(context.ScratchPath("v1-lease"), Context(2, Guid.NewGuid(), RWH), CreateDisposition.FileCreate), new CreateDurableHandleRequest());
        var open = await OplockSteps.OpenAsync(context, client, request);
        context.CheckTrue("3.3.5.9.6", "3.3.5.9.6#07", "durable handle response to a DHnQ beside an RWH lease request", open.Durable, "SMB2_CREATE_DURABLE_HANDLE_RESPONSE", "none");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", Requirements = ["3.3.5.9.6#03"],
        Title = "3.x: a DHnQ with an R lease (no handle caching) is ignored")]
    public static async Task V1WithReadLeaseIsIgnored(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var request = With(Request(context.ScratchPath("v1-read-lease"), Context(2, Guid.NewGuid(), R), CreateDisposition.FileCreate), new CreateDurableHandleRequest());
        var open = await OplockSteps.OpenAsync(context, client, request);
        context.CheckTrue("3.3.5.9.6", "3.3.5.9.6#03", "durable handle response to a DHnQ beside an R lease request", !open.Durable, "none (the DHnQ ignored)", "one");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", Requirements = ["3.3.5.9.6#04"],
        Title = "3.x: a DHnQ beside a lease requested on a directory is ignored")]
    public static async Task V1OnADirectoryLeaseIsIgnored(ScenarioContext context)
    {
        var client = await DirectoryLeasingClientAsync(context);
        var request = With(DirectoryRequest(context.ScratchPath("v1-dir"), Context(2, Guid.NewGuid(), RH), CreateDisposition.FileCreate), new CreateDurableHandleRequest());
        var open = await OplockSteps.OpenAsync(context, client, request);
        context.CheckTrue("3.3.5.9.6", "3.3.5.9.6#04", "durable handle response to a DHnQ beside a directory lease", !open.Durable, "none (the DHnQ ignored)", "one");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "2.2.13.2.3", Requirements = ["2.2.13.2.3#03"],
        Title = "The 16 reserved bytes of a DHnQ are ignored: a DHnQ with all of them 0xFF is granted")]
    public static async Task V1ReservedIsIgnored(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var request = With(OplockSteps.OpenRequest(context.ScratchPath("v1-reserved"), OplockLevel.Batch, CreateDisposition.FileCreate),
            new CreateDurableHandleRequest { DurableRequest = Enumerable.Repeat((byte)0xFF, CreateDurableHandleRequest.Length).ToArray() });
        var open = await OplockSteps.OpenAsync(context, client, request);
        context.CheckTrue("2.2.13.2.3", "2.2.13.2.3#03", "durable handle response to a DHnQ whose reserved bytes are 0xFF", open.Durable, "SMB2_CREATE_DURABLE_HANDLE_RESPONSE", "none");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", "2.2.14.2.12", Requirements = ["3.3.5.9.10#05", "3.3.5.9.10#06", "3.3.5.9.10#07", "3.3.5.9.10#18", "3.3.5.9.10#19", "3.3.5.9.10#25", "2.2.14.2.12#01", "2.2.14.2.12#02", "2.2.14.2.12#03"],
        Title = "3.x: a DH2Q with a batch oplock gets SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2 with a Timeout and no persistent flag (the share is not continuously available)")]
    public static async Task V2WithBatch(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        var created = await client.Connection.CreateAsync(client.Tree, V2(context.ScratchPath("v2-batch"), Guid.NewGuid(), 30_000), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9.10", "CREATE with DH2Q and a batch oplock", created.Response);
        var durable = response.CreateContexts.OfType<CreateDurableHandleResponseV2>().SingleOrDefault();
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#18", "SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2 in the response", durable is not null, "one", "none");
        context.CheckTrue("2.2.14.2.12", "2.2.14.2.12#02", "Timeout of the response (how long a disconnected open is kept)", durable!.Timeout > 0, "a time in milliseconds above 0", durable.Timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.CheckEqual("2.2.14.2.12", "2.2.14.2.12#03", "Flags of the response", DurableHandleFlags.None, durable.Flags & ~DurableHandleFlags.Persistent);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#19", "the persistent flag of the response on a share that is not continuously available", DurableHandleFlags.None, durable.Flags & DurableHandleFlags.Persistent);
        context.Observe($"DH2Q Timeout asked 30000 ms, granted {durable.Timeout} ms");
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#25", "the response's create contexts", response.CreateContexts.Count > 0, "described by CreateContextsLength/Offset and read from there", "none read");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#02", "3.3.5.9.10#18"],
        Title = "3.x: a DH2Q with an RWH lease gets a durable handle response")]
    public static async Task V2WithHandleLease(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var request = With(Request(context.ScratchPath("v2-lease"), Context(2, Guid.NewGuid(), RWH), CreateDisposition.FileCreate),
            new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout });
        var open = await OplockSteps.OpenAsync(context, client, request);
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#18", "durable handle response to a DH2Q beside an RWH lease", open.Durable, "SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2", "none");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#02"],
        Title = "3.x: a DH2Q with a level II oplock is ignored: no durable handle response")]
    public static Task V2WithLevelTwoIsIgnored(ScenarioContext context) =>
        IgnoredAsync(context, OplockSteps.Smb3Dialect(context), V2(context.ScratchPath("v2-level2"), Guid.NewGuid(), oplock: OplockLevel.II), "3.3.5.9.10", "3.3.5.9.10#02");

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#17"],
        Title = "3.x: a DH2Q whose batch oplock is not granted (another open holds the file) gets no durable handle response")]
    public static async Task V2WithoutTheBatchGrantedGetsNoResponse(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        var path = context.ScratchPath("v2-not-batch");
        await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileCreate));
        var created = await client.Connection.CreateAsync(client.Tree, V2(path, Guid.NewGuid(), disposition: CreateDisposition.FileOpen), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9.10", "CREATE with DH2Q of a file another open holds", created.Response);
        if (response.OplockLevel == OplockLevel.Batch)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} granted a batch oplock beside another open");
        }
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#17", $"durable handle response when the open got oplock {response.OplockLevel}",
            !response.CreateContexts.OfType<CreateDurableHandleResponseV2>().Any(), "none", "one");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "2.2.13.2.11", Requirements = ["2.2.13.2.11#05"],
        Title = "3.x: the Reserved field of a DH2Q is ignored: a DH2Q with Reserved all ones is granted")]
    public static async Task V2ReservedIsIgnored(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        var request = With(OplockSteps.OpenRequest(context.ScratchPath("v2-reserved"), OplockLevel.Batch, CreateDisposition.FileCreate),
            new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout, Reserved2 = ulong.MaxValue });
        var open = await OplockSteps.OpenAsync(context, client, request);
        context.CheckTrue("2.2.13.2.11", "2.2.13.2.11#05", "durable handle response to a DH2Q whose Reserved is 2^64-1", open.Durable, "SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2", "none");
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#09", "3.3.5.9.10#24"],
        Title = "3.x: SMB2_DHANDLE_FLAG_PERSISTENT on a share that is not continuously available is not granted: the response has no persistent flag")]
    public static async Task PersistentIsNotGrantedWithoutCa(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        if (client.Tree.IsCAShare)
        {
            throw new ScenarioInconclusiveException($"the share {client.Tree.ShareName} is continuously available (SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY)");
        }
        var created = await client.Connection.CreateAsync(client.Tree, V2(context.ScratchPath("persistent"), Guid.NewGuid(), flags: DurableHandleFlags.Persistent), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9.10", "CREATE with a persistent DH2Q on a share that is not continuously available", created.Response);
        var durable = response.CreateContexts.OfType<CreateDurableHandleResponseV2>().SingleOrDefault();
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#24", "the persistent flag of the response", DurableHandleFlags.None, (durable?.Flags ?? DurableHandleFlags.None) & DurableHandleFlags.Persistent);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#01"],
        Title = "3.x: a DH2Q beside a DHnQ fails with STATUS_INVALID_PARAMETER")]
    public static Task V2BesideV1IsInvalid(ScenarioContext context) =>
        InvalidAsync(context, "3.3.5.9.10", "3.3.5.9.10#01", "DH2Q and DHnQ", path => With(V2(path, Guid.NewGuid()), new CreateDurableHandleRequest()));

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#01"],
        Title = "3.x: a DH2Q beside a DHnC fails with STATUS_INVALID_PARAMETER")]
    public static Task V2BesideV1ReconnectIsInvalid(ScenarioContext context) =>
        InvalidAsync(context, "3.3.5.9.10", "3.3.5.9.10#01", "DH2Q and DHnC", path => With(V2(path, Guid.NewGuid()), new CreateDurableHandleReconnect { Data = new FileId(0x77, 0x77) }));

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#01"],
        Title = "3.x: a DH2C beside a DH2Q fails with STATUS_INVALID_PARAMETER")]
    public static Task V2ReconnectBesideV2IsInvalid(ScenarioContext context) =>
        InvalidAsync(context, "3.3.5.9.12", "3.3.5.9.12#01", "DH2C and DH2Q",
            path => With(V2(path, Guid.NewGuid()), new CreateDurableHandleReconnectV2 { FileId = new FileId(0x77, 0x77), CreateGuid = Guid.NewGuid() }));

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#01"],
        Title = "3.x: a DH2C beside a DHnQ fails with STATUS_INVALID_PARAMETER")]
    public static Task V2ReconnectBesideV1IsInvalid(ScenarioContext context) =>
        InvalidAsync(context, "3.3.5.9.12", "3.3.5.9.12#01", "DH2C and DHnQ",
            path => With(OplockSteps.OpenRequest(path, OplockLevel.Batch), new CreateDurableHandleReconnectV2 { FileId = new FileId(0x77, 0x77), CreateGuid = Guid.NewGuid() },
                new CreateDurableHandleRequest()));

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.6", Requirements = ["3.3.5.9.6#02"],
        Title = "3.x: a DHnQ beside a DH2C fails with STATUS_INVALID_PARAMETER (the SHOULD Windows follows)")]
    public static Task V1BesideV2ReconnectIsInvalid(ScenarioContext context) =>
        InvalidAsync(context, "3.3.5.9.6", "3.3.5.9.6#02", "DHnQ and DH2C",
            path => With(OplockSteps.OpenRequest(path, OplockLevel.Batch), new CreateDurableHandleRequest(), new CreateDurableHandleReconnectV2 { FileId = new FileId(0x77, 0x77), CreateGuid = Guid.NewGuid() }));

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#02"],
        Title = "3.x: a DHnC beside a DH2C fails with STATUS_INVALID_PARAMETER (the SHOULD Windows follows)")]
    public static Task V1ReconnectBesideV2ReconnectIsInvalid(ScenarioContext context) =>
        InvalidAsync(context, "3.3.5.9.7", "3.3.5.9.7#02", "DHnC and DH2C",
            path => With(OplockSteps.OpenRequest(path, OplockLevel.Batch), new CreateDurableHandleReconnect { Data = new FileId(0x77, 0x77) },
                new CreateDurableHandleReconnectV2 { FileId = new FileId(0x77, 0x77), CreateGuid = Guid.NewGuid() }));

    private static async Task V1GrantedAsync(ScenarioContext context, Dialect? dialect)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect ?? OplockSteps.Smb3Dialect(context)));
        var created = await client.Connection.CreateAsync(client.Tree, V1(context.ScratchPath("v1")), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9.6", "CREATE with DHnQ and a batch oplock", created.Response);
        var durable = response.CreateContexts.OfType<CreateDurableHandleResponse>().SingleOrDefault();
        context.CheckTrue("3.3.5.9.6", "3.3.5.9.6#07", $"SMB2_CREATE_DURABLE_HANDLE_RESPONSE at {client.Connection.Dialect?.ToDisplayString()}", durable is not null, "one", "none");
        context.CheckTrue("2.2.14.2.3", "2.2.14.2.3#01", "the durable handle response to the granted DHnQ", durable is not null, "sent", "not sent");
        context.CheckTrue("3.3.5.9.6", "3.3.5.9.6#05", "the open made durable (its response says so)", durable is not null, "durable", "not durable");
        context.CheckEqual("2.2.14.2.3", "2.2.14.2.3#04", "Reserved of the durable handle response", 0UL, durable!.Reserved2);
    }

    private static async Task IgnoredAsync(ScenarioContext context, Dialect dialect, Adapters.Wire.Messages.CreateRequest request, string clause, string requirement)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));
        var created = await client.Connection.CreateAsync(client.Tree, request, context.CancellationToken);
        var response = context.CheckBody(clause, $"CREATE asking durability with oplock {request.RequestedOplockLevel}", created.Response);
        context.CheckTrue(clause, requirement, $"durable handle response to a CREATE asking oplock {request.RequestedOplockLevel}",
            !response.CreateContexts.Any(candidate => candidate is CreateDurableHandleResponse or CreateDurableHandleResponseV2), "none (the context ignored)", "one");
    }

    private static async Task InvalidAsync(ScenarioContext context, string clause, string requirement, string what, Func<string, Adapters.Wire.Messages.CreateRequest> build)
    {
        var client = await ClientAsync(context);
        var created = await client.Connection.CreateAsync(client.Tree, build(context.ScratchPath("invalid-contexts")), context.CancellationToken);
        context.CheckStatus(clause, requirement, $"CREATE carrying {what}", NtStatus.InvalidParameter, created.Status);
    }
}
