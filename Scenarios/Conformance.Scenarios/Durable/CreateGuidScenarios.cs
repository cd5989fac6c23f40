using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// The CreateGuid of a DH2Q (3.3.5.9.10): a second DH2Q with the same CreateGuid from the same client
/// is STATUS_DUPLICATE_OBJECTID, or with SMB2_FLAGS_REPLAY_OPERATION a replay answered from the open
/// it names (the current text checks nothing more of it); the same CreateGuid from another client is a new open.
/// </summary>
public static class CreateGuidScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#04", "3.3.5.9.10#06", "3.3.5.9.10#10"],
        Title = "3.x: a second DH2Q with the CreateGuid of an open of the same client, without SMB2_FLAGS_REPLAY_OPERATION, fails with STATUS_DUPLICATE_OBJECTID")]
    public static async Task DuplicateCreateGuid(ScenarioContext context)
    {
        var (client, path, guid, _) = await DurableV2Async(context, "duplicate");
        var again = await client.Connection.CreateAsync(client.Tree, V2(path, guid, disposition: CreateDisposition.FileOpenIf), context.CancellationToken);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#10", "DH2Q reusing a CreateGuid of this client, not a replay", NtStatus.DuplicateObjectId, again.Status);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#06", "the same, read as the first open having recorded the CreateGuid", NtStatus.DuplicateObjectId, again.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#05"],
        Title = "3.x: the same CreateGuid from another client (another ClientGuid) is a new open")]
    public static async Task SameCreateGuidOfAnotherClient(ScenarioContext context)
    {
        var (client, path, guid, _) = await DurableV2Async(context, "other-client");
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var created = await other.Connection.CreateAsync(other.Tree, V2(context.ScratchPath("other-client-file"), guid), context.CancellationToken);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#05", $"DH2Q of another client with the CreateGuid of the first's open of {path}", NtStatus.Success, created.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#11", "3.3.5.9.10#16"],
        Title = "3.x: a replayed DH2Q (SMB2_FLAGS_REPLAY_OPERATION, same CreateGuid) is answered from the open it names: the same FileId")]
    public static async Task ReplayReturnsTheOpen(ScenarioContext context)
    {
        var (client, path, guid, open) = await DurableV2Async(context, "replay");
        var replayed = await ReplayAsync(context, client, V2(path, guid));
        var response = context.CheckBody("3.3.5.9.10", "replayed DH2Q", replayed);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response (the open's)", open.FileId, response.FileId);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x: a replayed DH2Q with another CreateDisposition is answered from the open (the current text dropped the STATUS_INVALID_PARAMETER check; Windows never enforced it)")]
    public static async Task ReplayWithAnotherDisposition(ScenarioContext context)
    {
        var (client, path, guid, open) = await DurableV2Async(context, "replay-disposition");
        var replayed = await ReplayAsync(context, client, V2(path, guid, disposition: CreateDisposition.FileOpenIf));
        ReplaySteps.ExpectAnsweredFromTheOpen(context, "a replayed DH2Q with FILE_OPEN_IF where the open was made with FILE_CREATE", open.FileId, replayed);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x: a replayed DH2Q with other FileAttributes is answered from the open (the current text dropped the STATUS_INVALID_PARAMETER check; Windows never enforced it)")]
    public static async Task ReplayWithOtherAttributes(ScenarioContext context)
    {
        var (client, path, guid, open) = await DurableV2Async(context, "replay-attributes");
        var request = V2(path, guid);
        request.FileAttributes = Adapters.Wire.Messages.FileAttributes.Hidden;
        var replayed = await ReplayAsync(context, client, request);
        ReplaySteps.ExpectAnsweredFromTheOpen(context, "a replayed DH2Q with FileAttributes HIDDEN where the open was made with NORMAL", open.FileId, replayed);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x: a replayed DH2Q of a leased durable open with another lease key is answered from the open (the current text dropped the STATUS_ACCESS_DENIED check)")]
    public static async Task ReplayWithAnotherLeaseKey(ScenarioContext context)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath("replay-lease");
        var guid = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client, With(LeaseSteps.Request(path, LeaseSteps.Context(2, Guid.NewGuid(), LeaseSteps.RWH), CreateDisposition.FileCreate),
            new Adapters.Wire.CreateContexts.CreateDurableHandleRequestV2 { CreateGuid = guid, Timeout = LongTimeout }));
        var replay = With(LeaseSteps.Request(path, LeaseSteps.Context(2, Guid.NewGuid(), LeaseSteps.RWH), CreateDisposition.FileCreate),
            new Adapters.Wire.CreateContexts.CreateDurableHandleRequestV2 { CreateGuid = guid, Timeout = LongTimeout });
        var replayed = await ReplayAsync(context, client, replay);
        ReplaySteps.ExpectAnsweredFromTheOpen(context, "a replayed DH2Q naming another lease key than the open's", open.FileId, replayed);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.10", Requirements = ["3.3.5.9.10#02"],
        Title = "3.x: a DH2Q without batch oplock or handle lease is ignored entirely: a second one with the same CreateGuid is no duplicate")]
    public static async Task IgnoredDh2qKeepsNoCreateGuid(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        var guid = Guid.NewGuid();
        var first = await client.Connection.CreateAsync(client.Tree, V2(context.ScratchPath("ignored-1"), guid, oplock: OplockLevel.None), context.CancellationToken);
        context.CheckStatus("3.3.5.9.10", null, "the first DH2Q without an oplock", NtStatus.Success, first.Status);
        var second = await client.Connection.CreateAsync(client.Tree, V2(context.ScratchPath("ignored-2"), guid), context.CancellationToken);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#02", "a DH2Q with the CreateGuid of an ignored DH2Q", NtStatus.Success, second.Status);
    }

    /// <summary>A 3.x client with a durable DH2Q batch open of a new file, its path and CreateGuid.</summary>
    private static async Task<(Smb2Client Client, string Path, Guid Guid, Open Open)> DurableV2Async(ScenarioContext context, string name)
    {
        var client = await ClientAsync(context);
        var path = context.ScratchPath(name);
        var guid = Guid.NewGuid();
        var open = await DurableOpenAsync(context, client, V2(path, guid));
        return (client, path, guid, open);
    }

    private static Task<Smb2Response<CreateResponse>> ReplayAsync(ScenarioContext context, Smb2Client client, CreateRequest request) => ReplaySteps.ReplayCreateAsync(context, client, request);
}
