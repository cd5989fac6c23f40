using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Leases;

/// <summary>
/// The lease request context itself (3.3.5.9's "RqLs" rules, 2.2.13.2.8, 2.2.13.2.10): sizes other
/// than 0x20 and 0x34, a v2 context below 3.x, a context without RequestedOplockLevel LEASE or the
/// level without a context, undefined LeaseState bits and reserved fields; and how the share trims the
/// state asked (ForceLevel2Oplock takes write caching; a 3.x scale-out share leaves R or nothing).
/// </summary>
public static class LeaseContextScenarios
{
    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9", Requirements = ["3.3.5.9#72", "3.3.5.9#73"],
        Title = "An RqLs context of 0x28 bytes (neither 0x20 nor 0x34) with RequestedOplockLevel LEASE fails with STATUS_INVALID_PARAMETER")]
    public static async Task OddSizedContextIsInvalid(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var request = OplockSteps.OpenRequest(context.ScratchPath("odd-size"), OplockLevel.Lease, CreateDisposition.FileCreate);
        request.CreateContexts.Add(new RawCreateContext(CreateContextNames.RequestLease, new byte[0x28]));
        var created = await client.Connection.CreateAsync(client.Tree, request, context.CancellationToken);
        context.CheckStatus("3.3.5.9", "3.3.5.9#73", "CREATE with an RqLs context of 0x28 bytes", NtStatus.InvalidParameter, created.Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9", Requirements = ["3.3.5.9#74", "3.3.5.9#75", "3.3.5.9#76"],
        Title = "2.1: a v2 lease context (0x34 bytes, 3.x only) fails with STATUS_INVALID_PARAMETER")]
    public static async Task V2ContextAt21IsInvalid(ScenarioContext context)
    {
        var client = await ClientAsync(context, 1, Dialect.Smb210);
        var created = await client.Connection.CreateAsync(client.Tree, Request(context.ScratchPath("v2-at-21"), Context(2, Guid.NewGuid(), RWH), CreateDisposition.FileCreate),
            context.CancellationToken);
        context.CheckStatus("3.3.5.9", "3.3.5.9#76", "CREATE at 2.1 with an RqLs context of 0x34 bytes", NtStatus.InvalidParameter, created.Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9", "3.3.5.9.8", Requirements = ["3.3.5.9#74", "3.3.5.9.8#02"],
        Title = "A lease context with RequestedOplockLevel BATCH is ignored: the open gets an oplock and no lease context")]
    public static async Task ContextWithoutTheLeaseLevelIsIgnored(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var request = OplockSteps.OpenRequest(context.ScratchPath("batch-with-lease"), OplockLevel.Batch, CreateDisposition.FileCreate);
        request.CreateContexts.Add(Context(2, Guid.NewGuid(), RWH));
        var created = await client.Connection.CreateAsync(client.Tree, request, context.CancellationToken);
        var response = context.CheckBody("3.3.5.9.8", "CREATE with a lease context and RequestedOplockLevel BATCH", created.Response);
        context.CheckTrue("3.3.5.9.8", "3.3.5.9.8#02", "lease context in the response to a CREATE asking a batch oplock", GrantOf(response) is null, "none (the lease context ignored)", "one");
        context.CheckEqual("3.3.5.9.8", "3.3.5.9.8#02", "OplockLevel of the response", OplockLevel.Batch, response.OplockLevel);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#03"],
        Title = "3.x: RequestedOplockLevel LEASE without a lease context gets no lease: OplockLevel NONE")]
    public static Task LeaseLevelWithoutContextV2(ScenarioContext context) => NoContextAsync(context, 2);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#03"],
        Title = "2.1: RequestedOplockLevel LEASE without a lease context gets no lease: OplockLevel NONE")]
    public static Task LeaseLevelWithoutContextV1(ScenarioContext context) => NoContextAsync(context, 1);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#13", "3.3.5.9.8#24"],
        Title = "v1: undefined LeaseState bits (0x10, 0x80000000) are ignored: asking R with them grants R")]
    public static Task UndefinedBitsIgnoredV1(ScenarioContext context) => UndefinedBitsAsync(context, 1);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#13", "3.3.5.9.11#26"],
        Title = "3.x, v2: undefined LeaseState bits (0x10, 0x80000000) are ignored: asking R with them grants R")]
    public static Task UndefinedBitsIgnoredV2(ScenarioContext context) => UndefinedBitsAsync(context, 2);

    [Scenario(ScenarioFamily.LeaseEpochs, "2.2.13.2.8", Requirements = ["2.2.13.2.8#04", "2.2.13.2.8#06"],
        Title = "v1: the reserved LeaseFlags and LeaseDuration of the request are ignored: RWH is granted as usual")]
    public static async Task ReservedFieldsIgnoredV1(ScenarioContext context)
    {
        var client = await ClientAsync(context, 1);
        var lease = new CreateRequestLease { LeaseKey = Guid.NewGuid(), LeaseState = RWH, LeaseFlags = (LeaseFlags)0xFFFFFFFF, LeaseDuration = ulong.MaxValue };
        var (_, grant) = await LeasedOpenAsync(context, client, Request(context.ScratchPath("reserved-v1"), lease, CreateDisposition.FileCreate));
        context.CheckEqual("2.2.13.2.8", "2.2.13.2.8#04", "LeaseState granted to a v1 request with LeaseFlags 0xFFFFFFFF and LeaseDuration 2^64-1", RWH, grant.LeaseState, Name);
        context.CheckEqual("2.2.14.2.10", "2.2.14.2.10#03", "BREAK_IN_PROGRESS in the response (the request's flags are not echoed)", LeaseFlags.None, grant.Flags & LeaseFlags.BreakInProgress);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "2.2.13.2.10", Requirements = ["2.2.13.2.10#05", "2.2.13.2.10#07"],
        Title = "3.x, v2: the reserved LeaseDuration and Reserved of the request are ignored: RWH is granted as usual")]
    public static async Task ReservedFieldsIgnoredV2(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var lease = new CreateRequestLeaseV2 { LeaseKey = Guid.NewGuid(), LeaseState = RWH, LeaseDuration = ulong.MaxValue, Reserved2 = 0xFFFF };
        var (_, grant) = await LeasedOpenAsync(context, client, Request(context.ScratchPath("reserved-v2"), lease, CreateDisposition.FileCreate));
        context.CheckEqual("2.2.13.2.10", "2.2.13.2.10#05", "LeaseState granted to a v2 request with LeaseDuration 2^64-1 and Reserved 0xFFFF", RWH, grant.LeaseState, Name);
        context.CheckEqual("2.2.14.2.11", "2.2.14.2.11#05", "LeaseDuration of the response", 0UL, grant.LeaseDuration);
        if (grant.Reserved != 0)
        {
            context.Observe($"the response's Reserved field is 0x{grant.Reserved:X4} (2.2.14.2.11 says the server SHOULD set 0)");
        }
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#15"],
        Title = "v1 on a share with ForceLevel2Oplock: RWH asked is granted RH (write caching cleared)")]
    public static Task ForceLevel2ClearsWriteCachingV1(ScenarioContext context) => ForceLevel2Async(context, 1);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#15"],
        Title = "3.x, v2 on a share with ForceLevel2Oplock: RWH asked is granted RH (write caching cleared)")]
    public static Task ForceLevel2ClearsWriteCachingV2(ScenarioContext context) => ForceLevel2Async(context, 2);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#16"],
        Title = "3.x, v1 on a scale-out share: RWH asked is granted R only")]
    public static Task ScaleOutLeavesReadV1(ScenarioContext context) => ScaleOutAsync(context, 1, RWH, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#17"],
        Title = "3.x, v2 on a scale-out share: RWH asked is granted R only")]
    public static Task ScaleOutLeavesReadV2(ScenarioContext context) => ScaleOutAsync(context, 2, RWH, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#17"],
        Title = "3.x, v2 on a scale-out share: HW asked (no read caching) is granted nothing")]
    public static Task ScaleOutWithoutReadGrantsNothing(ScenarioContext context) => ScaleOutAsync(context, 2, HW, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "3.3.5.9", Requirements = ["3.3.5.9.8#01", "3.3.5.9#71"], Profile = ServerProfile.NoLeasing,
        Title = "A server without leasing ignores a v1 lease context: no lease context in the response, OplockLevel NONE")]
    public static Task NoLeasingIgnoresV1(ScenarioContext context) => NoLeasingAsync(context, 1);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "3.3.5.9", Requirements = ["3.3.5.9.11#01", "3.3.5.9#71"], Profile = ServerProfile.NoLeasing,
        Title = "A server without leasing ignores a v2 lease context: no lease context in the response, OplockLevel NONE")]
    public static Task NoLeasingIgnoresV2(ScenarioContext context) => NoLeasingAsync(context, 2);

    private static async Task NoContextAsync(ScenarioContext context, int version)
    {
        var client = await ClientAsync(context, version, version == 1 ? Dialect.Smb210 : null);
        var created = await client.Connection.CreateAsync(client.Tree, OplockSteps.OpenRequest(context.ScratchPath("lease-level-alone"), OplockLevel.Lease, CreateDisposition.FileCreate),
            context.CancellationToken);
        var clause = version == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        var response = context.CheckBody(clause, "CREATE with RequestedOplockLevel LEASE and no lease context", created.Response);
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#03" : "3.3.5.9.11#03", "OplockLevel of the response", OplockLevel.None, response.OplockLevel);
    }

    private static async Task UndefinedBitsAsync(ScenarioContext context, int version)
    {
        var client = await ClientAsync(context, version);
        var (_, grant) = await LeasedOpenAsync(context, client, Request(context.ScratchPath("undefined-bits"), Context(version, Guid.NewGuid(), R | (LeaseState)0x80000010),
            CreateDisposition.FileCreate));
        var clause = version == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#13" : "3.3.5.9.11#13", "LeaseState granted for R with undefined bits 0x80000010", R, grant.LeaseState, Name);
    }

    private static async Task ForceLevel2Async(ScenarioContext context, int version)
    {
        var client = await ClientAsync(context, version);
        var tree = await ShareSteps.ForceLevel2Async(context, client);
        var (open, grant) = await LeasedOpenAsync(context, client, Request(ShareSteps.RootName("force-level2"), Context(version, Guid.NewGuid(), RWH), CreateDisposition.FileCreate,
            OplockSteps.ReadWrite | AccessMask.Delete, options: CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose), tree);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckEqual(version == 1 ? "3.3.5.9.8" : "3.3.5.9.11", version == 1 ? "3.3.5.9.8#15" : "3.3.5.9.11#15", $"LeaseState granted for RWH on the ForceLevel2Oplock share {tree.ShareName}",
            RH, grant.LeaseState, Name);
    }

    private static async Task ScaleOutAsync(ScenarioContext context, int version, LeaseState asked, LeaseState expected)
    {
        var client = await ClientAsync(context, version, Smb3LeasingDialect(context));
        var tree = await ShareSteps.ScaleOutAsync(context, client);
        var (open, grant) = await LeasedOpenAsync(context, client, Request(ShareSteps.RootName("scaleout"), Context(version, Guid.NewGuid(), asked), CreateDisposition.FileCreate,
            OplockSteps.ReadWrite | AccessMask.Delete, options: CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose), tree);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckEqual(version == 1 ? "3.3.5.9.8" : "3.3.5.9.11", version == 1 ? "3.3.5.9.8#16" : "3.3.5.9.11#17", $"LeaseState granted for {Name(asked)} on the scale-out share {tree.ShareName}",
            expected, grant.LeaseState, Name);
    }

    private static async Task NoLeasingAsync(ScenarioContext context, int version)
    {
        var dialect = version == 1 ? context.Capabilities.Dialects.Where(candidate => candidate != Dialect.Smb202).DefaultIfEmpty().Max() : context.Capabilities.HighestDialect;
        if (dialect == Dialect.Smb202 || (version == 2 && !dialect.IsSmb3()))
        {
            throw new ScenarioInconclusiveException($"needs {(version == 2 ? "a 3.x dialect" : "2.1 or 3.x")}, which {context.Target.Name} does not negotiate");
        }
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));
        var created = await client.Connection.CreateAsync(client.Tree, Request(context.ScratchPath("no-leasing"), Context(version, Guid.NewGuid(), RWH), CreateDisposition.FileCreate),
            context.CancellationToken);
        var clause = version == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        var response = context.CheckBody(clause, "CREATE with a lease context on a server without leasing", created.Response);
        context.CheckTrue(clause, version == 1 ? "3.3.5.9.8#01" : "3.3.5.9.11#01", "lease context in the response", GrantOf(response) is null, "none (the context ignored)", "one");
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#01" : "3.3.5.9.11#01", "OplockLevel of the response", OplockLevel.None, response.OplockLevel);
    }
}
