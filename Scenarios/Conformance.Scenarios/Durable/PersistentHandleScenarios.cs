using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// Persistent handles (3.3.5.9.10, 3.3.5.9.12) on a continuously available share: a DH2Q with
/// SMB2_DHANDLE_FLAG_PERSISTENT is granted persistent with the Timeout it asks (or Share.CATimeout for
/// 0); a replay or reconnect of a persistent open must carry the flag; a DH2C with the flag makes an
/// open persistent. Inconclusive on a target without such a share.
/// </summary>
public static class PersistentHandleScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#09", "3.3.5.9.10#20", "3.3.5.9.10#24"],
        Title = "3.x on a continuously available share: a persistent DH2Q asking 20000 ms is granted persistent, with that Timeout")]
    public static async Task PersistentIsGranted(ScenarioContext context)
    {
        var (client, tree) = await CaTreeAsync(context);
        var durable = await PersistentAsync(context, client, tree, 20_000);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#24", "the persistent flag of the response", DurableHandleFlags.Persistent, durable.Flags & DurableHandleFlags.Persistent);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#20", "Timeout of the response (the request's, for a persistent open)", 20_000U, durable.Timeout);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#21"],
        Title = "3.x on a continuously available share: a persistent DH2Q asking Timeout 0 gets Share.CATimeout")]
    public static async Task PersistentTimeoutZeroIsTheShares(ScenarioContext context)
    {
        var caTimeout = context.Target.CATimeout ?? throw new ScenarioInconclusiveException("the CATimeout of the continuously available share is not known (SMB_TARGET_CA_TIMEOUT)");
        var (client, tree) = await CaTreeAsync(context);
        var durable = await PersistentAsync(context, client, tree, 0);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#21", "Timeout of the response to a persistent DH2Q asking 0", (uint)caTimeout.TotalMilliseconds, durable.Timeout);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x on a continuously available share: a replay of a persistent DH2Q without the persistent flag is answered from the open (the current text dropped the STATUS_INVALID_PARAMETER check)")]
    public static async Task PersistentReplayWithoutTheFlag(ScenarioContext context)
    {
        var (client, tree) = await CaTreeAsync(context);
        var guid = Guid.NewGuid();
        var path = ShareSteps.RootName("persistent-replay");
        var open = await OpenOnAsync(context, client, tree, V2(path, guid, flags: DurableHandleFlags.Persistent, disposition: CreateDisposition.FileOpenIf));
        var replay = RequestSteps.Request(client, V2(path, guid, disposition: CreateDisposition.FileOpenIf));
        replay.Header.Flags |= Smb2HeaderFlags.ReplayOperation;
        replay.Header.TreeId = tree.TreeConnectId;
        var replayed = await RequestSteps.SendAsync<CreateResponse>(context, client.Connection, replay);
        ReplaySteps.ExpectAnsweredFromTheOpen(context, "a replayed DH2Q of a persistent open, without SMB2_DHANDLE_FLAG_PERSISTENT", open.FileId, replayed);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#06"],
        Title = "3.x on a continuously available share: a DH2C of a persistent open without the persistent flag fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task PersistentReconnectWithoutTheFlag(ScenarioContext context)
    {
        var (client, tree) = await CaTreeAsync(context);
        var open = await OpenOnAsync(context, client, tree, V2(ShareSteps.RootName("persistent-reconnect"), Guid.NewGuid(), flags: DurableHandleFlags.Persistent));
        await DisconnectAsync(context, client);
        var again = await SameClientOnAsync(context, client);
        var refused = await again.Client.Connection.ReconnectAsync(open, again.Tree, ReconnectKind.DurableV2,
            request => request.CreateContexts.OfType<CreateDurableHandleReconnectV2>().Single().Flags = DurableHandleFlags.None, context.CancellationToken);
        context.CheckStatus("3.3.5.9.12", "3.3.5.9.12#06", "DH2C of a persistent open without SMB2_DHANDLE_FLAG_PERSISTENT", NtStatus.ObjectNameNotFound, refused.Status);
        var reconnected = await again.Client.Connection.ReconnectAsync(open, again.Tree, ReconnectKind.DurableV2, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.9.12", null, "the DH2C with the flag (the open was kept)", NtStatus.Success, reconnected.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#21"],
        Title = "3.x on a continuously available share: a DH2C with the persistent flag makes a durable open persistent (a later reconnect without the flag is refused)")]
    public static async Task ReconnectMakesItPersistent(ScenarioContext context)
    {
        var (client, tree) = await CaTreeAsync(context);
        var open = await OpenOnAsync(context, client, tree, V2(ShareSteps.RootName("made-persistent"), Guid.NewGuid()));
        await DisconnectAsync(context, client);
        var again = await SameClientOnAsync(context, client);
        var made = await again.Client.Connection.ReconnectAsync(open, again.Tree, ReconnectKind.DurableV2,
            request => request.CreateContexts.OfType<CreateDurableHandleReconnectV2>().Single().Flags = DurableHandleFlags.Persistent, context.CancellationToken);
        context.CheckStatus("3.3.5.9.12", null, "DH2C with SMB2_DHANDLE_FLAG_PERSISTENT of a durable open", NtStatus.Success, made.Status);
        await DisconnectAsync(context, again.Client);
        var third = await SameClientOnAsync(context, again.Client);
        var refused = await third.Client.Connection.ReconnectAsync(open, third.Tree, ReconnectKind.DurableV2,
            request => request.CreateContexts.OfType<CreateDurableHandleReconnectV2>().Single().Flags = DurableHandleFlags.None, context.CancellationToken);
        context.CheckStatus("3.3.5.9.12", "3.3.5.9.12#21", "a later DH2C without the flag (the open became persistent)", NtStatus.ObjectNameNotFound, refused.Status);
    }

    /// <summary>A 3.x client and its tree connect to the target's continuously available share.</summary>
    private static async Task<(Smb2Client Client, TreeConnect Tree)> CaTreeAsync(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        return (client, await ShareSteps.ContinuouslyAvailableAsync(context, client));
    }

    private static async Task<CreateDurableHandleResponseV2> PersistentAsync(ScenarioContext context, Smb2Client client, TreeConnect tree, uint timeout)
    {
        var request = V2(ShareSteps.RootName("persistent"), Guid.NewGuid(), timeout, flags: DurableHandleFlags.Persistent);
        request.CreateOptions |= CreateOptions.FileDeleteOnClose;
        request.DesiredAccess |= AccessMask.Delete;
        var created = await client.Connection.CreateAsync(tree, request, context.CancellationToken);
        var response = context.CheckBody("3.3.5.9.10", "CREATE with a persistent DH2Q on the continuously available share", created.Response);
        return response.CreateContexts.OfType<CreateDurableHandleResponseV2>().SingleOrDefault()
            ?? throw new ScenarioInconclusiveException($"the persistent DH2Q got no durable handle response (OplockLevel {response.OplockLevel})");
    }

    private static async Task<Open> OpenOnAsync(ScenarioContext context, Smb2Client client, TreeConnect tree, CreateRequest request)
    {
        var created = await client.Connection.CreateAsync(tree, request, context.CancellationToken);
        return created.Open is { Durable: true } open ? open
            : throw new ScenarioInconclusiveException($"CREATE of {request.Name} on {tree.ShareName} did not give a durable open ({NtStatus.Describe(created.Status)})");
    }

    /// <summary>The client back on a new connection and session, with a tree connect to the continuously available share.</summary>
    private static async Task<(Smb2Client Client, TreeConnect Tree)> SameClientOnAsync(ScenarioContext context, Smb2Client client)
    {
        var again = await SameClientAsync(context, client);
        return (again, await ShareSteps.ContinuouslyAvailableAsync(context, again));
    }
}
