using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// Resilient handles (FSCTL_LMR_REQUEST_RESILIENCY, 3.3.5.15.9): the request's checks, the response
/// 3.3.5.15.9 lays out, an open kept on connection loss without any oplock (3.3.7.1) and reconnected;
/// and SMB2_CREATE_APP_INSTANCE_ID (3.3.5.9.13), whose newer open of the same application instance from
/// another client closes the older one.
/// </summary>
public static class ResilienceScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.15.9", Requirements = ["3.3.5.15.9#08", "3.3.5.15.9#09", "3.3.5.15.9#10", "3.3.5.15.9#11", "3.3.5.15.9#14", "3.3.5.15.9#15", "3.3.5.15.9#16", "3.3.5.15.9#17"],
        Title = "2.1 and 3.x: FSCTL_LMR_REQUEST_RESILIENCY with a 30 s Timeout succeeds: CtlCode and FileId echoed, no output, Flags 0")]
    public static async Task ResiliencyIsGranted(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, SessionSteps.LeasingDialect(context)));
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("resilient"), OplockLevel.None, CreateDisposition.FileCreate));
        var response = await RequestResiliencyAsync(context, client, open, NetworkResiliency(30_000));
        if (response.Status is NtStatus.NotSupported or NtStatus.InvalidDeviceRequest)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not implement FSCTL_LMR_REQUEST_RESILIENCY ({NtStatus.Describe(response.Status)}; 3.3.5.15.9 allows STATUS_NOT_SUPPORTED)");
        }
        var body = context.CheckBody("3.3.5.15.9", "FSCTL_LMR_REQUEST_RESILIENCY with Timeout 30000 ms", response);
        context.CheckEqual("3.3.5.15.9", "3.3.5.15.9#09", "CtlCode of the response", FsctlCode.LmrRequestResiliency, body.CtlCode, code => $"0x{code:X8}");
        context.CheckEqual("3.3.5.15.9", "3.3.5.15.9#10", "FileId.Persistent of the response", open.FileId.Persistent, body.FileId.Persistent, id => $"0x{id:X16}");
        context.CheckEqual("3.3.5.15.9", "3.3.5.15.9#11", "FileId.Volatile of the response", open.FileId.Volatile, body.FileId.Volatile, id => $"0x{id:X16}");
        context.CheckEqual("3.3.5.15.9", "3.3.5.15.9#15", "OutputCount of the response", 0, body.Output.Length);
        context.CheckEqual("3.3.5.15.9", "3.3.5.15.9#16", "Flags of the response", 0U, (uint)body.Flags);
        context.CheckEqual("3.3.5.15.9", "3.3.5.15.9#14", "OutputOffset of the response (InputOffset + InputCount, 8-aligned)", (body.InputOffset + (uint)body.Input.Length + 7) & ~7U, body.OutputOffset);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.15.9", Requirements = ["3.3.5.15.9#03"],
        Title = "FSCTL_LMR_REQUEST_RESILIENCY asking more than MaxResiliencyTimeout (an hour) fails with STATUS_INVALID_PARAMETER")]
    public static Task ResiliencyOverTheMaximumIsInvalid(ScenarioContext context) =>
        ResiliencyRefusedAsync(context, NetworkResiliency(3_600_000), "Timeout 3600000 ms (over the 300 s Windows allows)");

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.15.9", Requirements = ["3.3.5.15.9#03"],
        Title = "FSCTL_LMR_REQUEST_RESILIENCY with a 4-byte input (shorter than NETWORK_RESILIENCY_REQUEST) fails with STATUS_INVALID_PARAMETER")]
    public static Task ShortResiliencyRequestIsInvalid(ScenarioContext context) =>
        ResiliencyRefusedAsync(context, NetworkResiliency(30_000)[..4], "an input of 4 bytes");

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.15.9", "3.3.7.1", "3.3.5.9.7", "3.3.2.4", Requirements = ["3.3.5.15.9#05", "3.3.7.1#07", "3.3.5.9.7#09", "3.3.2.4#01"],
        Title = "A resilient open without any oplock is kept when its connection is lost, and a DHnC reconnects it")]
    public static async Task ResilientOpenIsKept(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, SessionSteps.LeasingDialect(context)));
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("resilient-kept"), OplockLevel.None, CreateDisposition.FileCreate));
        var granted = await RequestResiliencyAsync(context, client, open, NetworkResiliency(60_000));
        if (!granted.IsSuccess)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not grant resiliency ({NtStatus.Describe(granted.Status)})");
        }
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.5.9.7", "3.3.5.9.7#09", "DHnC of the resilient open after its connection was lost (Open.IsResilient)", NtStatus.Success, reconnected.Status);
        context.CheckStatus("3.3.5.15.9", "3.3.5.15.9#05", "the same, read as the open made resilient (kept without any oplock)", NtStatus.Success, reconnected.Status);
        context.CheckStatus("3.3.7.1", "3.3.7.1#07", "the same, read as 3.3.7.1 preserving a resilient open", NtStatus.Success, reconnected.Status);
        context.CheckStatus("3.3.2.4", "3.3.2.4#01", "the same, within the 60 s ResiliencyTimeout", NtStatus.Success, reconnected.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.15.9", "3.3.5.9.7", Requirements = ["3.3.5.15.9#07"],
        Title = "A resilient open reconnected by another user fails with STATUS_ACCESS_DENIED (Open.DurableOwner set by the resiliency request)")]
    public static async Task ResilientOpenOfAnotherUser(ScenarioContext context)
    {
        var other = OtherUser(context);
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, SessionSteps.LeasingDialect(context)));
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("resilient-owner"), OplockLevel.None, CreateDisposition.FileCreate));
        var granted = await RequestResiliencyAsync(context, client, open, NetworkResiliency(60_000));
        if (!granted.IsSuccess)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not grant resiliency ({NtStatus.Describe(granted.Status)})");
        }
        await DisconnectAsync(context, client);
        var stranger = await SameClientAsync(context, client, other);
        var refused = await ReconnectAsync(context, stranger, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.5.15.9", "3.3.5.15.9#07", $"DHnC of the resilient open by {other.User}", NtStatus.AccessDenied, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.13", "3.3.5.9.12", Requirements = ["3.3.5.9.13#01"],
        Title = "3.x: a DH2C carrying an app instance id is a reconnect: the app instance rule is skipped and the reconnect succeeds")]
    public static async Task ReconnectWithAppInstanceIsAReconnect(ScenarioContext context)
    {
        var appInstance = Guid.NewGuid();
        var (client, _, open) = await AppInstanceOpenAsync(context, appInstance);
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2, request => request.CreateContexts.Add(new CreateAppInstanceId { AppInstanceId = appInstance }));
        context.CheckStatus("3.3.5.9.13", "3.3.5.9.13#01", "DH2C with the open's app instance id", NtStatus.Success, reconnected.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.13", Requirements = ["3.3.5.9.13#02", "3.3.5.9.13#03", "3.3.5.9.13#04", "3.3.5.9.13#05"],
        Title = "3.x: another client's open of the same path with the same app instance id closes the older open (its next request: STATUS_FILE_CLOSED), even with no sharing")]
    public static async Task AppInstanceClosesTheOlderOpen(ScenarioContext context)
    {
        var appInstance = Guid.NewGuid();
        var (client, path, open) = await AppInstanceOpenAsync(context, appInstance);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var pending = await OplockSteps.PostCreateAsync(context, other, With(V2(path, Guid.NewGuid(), disposition: CreateDisposition.FileOpen), new CreateAppInstanceId { AppInstanceId = appInstance }));
        // A server that keeps the older open breaks its batch oplock instead of closing it: answered, so the CREATE is not held up.
        var broken = client.Client.Breaks.WaitForOplockBreakAsync(open.FileId, context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        var completion = pending.WaitAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        if (await Task.WhenAny(broken, completion) == broken && broken.IsCompletedSuccessfully)
        {
            await client.Connection.OplockBreakAcknowledgmentAsync(open, OplockLevel.None, context.CancellationToken);
            context.Fail("3.3.5.9.13", "3.3.5.9.13#04", "the older open of the application instance, when another client opened the path with the same app instance id",
                "closed by the server (3.3.4.17)", "kept: its batch oplock was broken instead");
        }
        var created = Smb2Response<CreateResponse>.From(await completion);
        context.CheckStatus("3.3.5.9.13", "3.3.5.9.13#05", "another client's CREATE of the path with the same app instance id", NtStatus.Success, created.Status);
        var read = await client.Connection.ReadAsync(open, 0, 1, context.CancellationToken);
        context.CheckStatus("3.3.5.9.13", "3.3.5.9.13#04", "READ through the older open of the application instance", NtStatus.FileClosed, read.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.13", Requirements = ["3.3.5.9.13#02"],
        Title = "3.x: the same client opening the path again with the same app instance id does not close its older open (the ClientGuid is the same)")]
    public static async Task AppInstanceOfTheSameClientKeepsTheOpen(ScenarioContext context)
    {
        var appInstance = Guid.NewGuid();
        var (client, path, open) = await AppInstanceOpenAsync(context, appInstance, ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete);
        // Attributes only: an open that breaks no oplock, so the first open's batch oplock holds nothing up.
        var created = await client.Connection.CreateAsync(client.Tree, With(OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen,
            AccessMask.FileReadAttributes | AccessMask.Synchronize), new CreateAppInstanceId { AppInstanceId = appInstance }), context.CancellationToken);
        context.CheckStatus("3.3.5.9.13", null, "the same client's second CREATE with the app instance id", NtStatus.Success, created.Status);
        var read = await client.Connection.ReadAsync(open, 0, 1, context.CancellationToken);
        context.CheckStatus("3.3.5.9.13", "3.3.5.9.13#02", "READ through the first open (not closed: same ClientGuid)", NtStatus.EndOfFile, read.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.13", Requirements = ["3.3.5.9.13#02"],
        Title = "3.x: another client's open of another path with the same app instance id does not close the older open")]
    public static async Task AppInstanceOnAnotherPathKeepsTheOpen(ScenarioContext context)
    {
        var appInstance = Guid.NewGuid();
        var (client, _, open) = await AppInstanceOpenAsync(context, appInstance);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var created = await other.Connection.CreateAsync(other.Tree, With(V2(context.ScratchPath("app-other-path"), Guid.NewGuid()), new CreateAppInstanceId { AppInstanceId = appInstance }),
            context.CancellationToken);
        context.CheckStatus("3.3.5.9.13", null, "another client's CREATE of another path with the same app instance id", NtStatus.Success, created.Status);
        var read = await client.Connection.ReadAsync(open, 0, 1, context.CancellationToken);
        context.CheckStatus("3.3.5.9.13", "3.3.5.9.13#02", "READ through the first open (another path: not the same instance's open)", NtStatus.EndOfFile, read.Status);
    }

    /// <summary>
    /// A valid resiliency request on an open of its own must succeed; a target that refuses it does not
    /// implement FSCTL_LMR_REQUEST_RESILIENCY (3.3.5.15.9 lets it answer STATUS_NOT_SUPPORTED), and a
    /// scenario about the request's checks is then Inconclusive.
    /// </summary>
    private static async Task RequireResiliencyAsync(ScenarioContext context, Smb2Client client)
    {
        var probe = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("resiliency-probe"), OplockLevel.None, CreateDisposition.FileCreate));
        var response = await RequestResiliencyAsync(context, client, probe, NetworkResiliency(30_000));
        if (!response.IsSuccess)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not implement FSCTL_LMR_REQUEST_RESILIENCY: a valid request got {NtStatus.Describe(response.Status)} " +
                "(3.3.5.15.9 allows STATUS_NOT_SUPPORTED)");
        }
    }

    private static async Task ResiliencyRefusedAsync(ScenarioContext context, byte[] input, string what)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, SessionSteps.LeasingDialect(context)));
        await RequireResiliencyAsync(context, client);
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("resilient-refused"), OplockLevel.None, CreateDisposition.FileCreate));
        var response = await RequestResiliencyAsync(context, client, open, input);
        context.CheckStatus("3.3.5.15.9", "3.3.5.15.9#03", $"FSCTL_LMR_REQUEST_RESILIENCY with {what}", NtStatus.InvalidParameter, response.Status);
    }

    /// <summary>A 3.x client's durable DH2Q open of a new file carrying <paramref name="appInstance"/> (Open.AppInstanceId is set with a DH2Q only).</summary>
    private static async Task<(Smb2Client Client, string Path, Open Open)> AppInstanceOpenAsync(ScenarioContext context, Guid appInstance, ShareAccess share = ShareAccess.None)
    {
        var client = await ClientAsync(context);
        var path = context.ScratchPath("app-instance");
        var request = With(V2(path, Guid.NewGuid()), new CreateAppInstanceId { AppInstanceId = appInstance });
        request.ShareAccess = share;
        var open = await DurableOpenAsync(context, client, request);
        return (client, path, open);
    }
}
