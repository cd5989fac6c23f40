using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.ReplaySteps;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// Open.IsReplayEligible (current MS-SMB2 3.3.5.9.10, 3.3.1.10): a replayed DH2Q finds only an open that
/// is still replay eligible. A durable open of a file made for data access (or DELETE) is eligible
/// until it is used; one made for attributes alone never is. Each scenario opens a new file under an
/// RWH v2 lease with FILE_CREATE, then replays that very CREATE: answered from the open while it is
/// eligible; once it is not, the replay goes on as a new open and meets the file it made
/// (STATUS_OBJECT_NAME_COLLISION).
/// </summary>
public static class ReplayEligibilityScenarios
{
    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open used by FLUSH is no longer replay eligible (current 3.3.5.11): its replay is a new open")]
    public static Task FlushEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "FLUSH", async (client, open) => (await SendAsync(context, client, Flush(open), client.Session.ChannelSequence, replay: false)).Status);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open used by READ is no longer replay eligible: its replay is a new open (STATUS_OBJECT_NAME_COLLISION)")]
    public static Task ReadEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "READ", async (client, open) => (await SendAsync(context, client, Read(open), client.Session.ChannelSequence, replay: false)).Status, mustSucceed: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open used by WRITE is no longer replay eligible: its replay is a new open")]
    public static Task WriteEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "WRITE", async (client, open) => (await SendAsync(context, client, Write(open, 0x61), client.Session.ChannelSequence, replay: false)).Status);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open used by LOCK is no longer replay eligible: its replay is a new open")]
    public static Task LockEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "LOCK", async (client, open) => (await SendAsync(context, client, Lock(open, LockFlags.ExclusiveLock | LockFlags.FailImmediately), client.Session.ChannelSequence, replay: false)).Status);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open used by IOCTL is no longer replay eligible: its replay is a new open")]
    public static Task IoctlEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "IOCTL FSCTL_SRV_REQUEST_RESUME_KEY", async (client, open) => (await SendAsync(context, client, ResumeKey(open), client.Session.ChannelSequence, replay: false)).Status, mustSucceed: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open used by QUERY_INFO is no longer replay eligible: its replay is a new open")]
    public static Task QueryInfoEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "QUERY_INFO", async (client, open) => (await SendAsync(context, client, QueryStandard(open), client.Session.ChannelSequence, replay: false)).Status);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open used by SET_INFO is no longer replay eligible: its replay is a new open")]
    public static Task SetInfoEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "SET_INFO", async (client, open) => (await SendAsync(context, client, EndOfFile(open, 4), client.Session.ChannelSequence, replay: false)).Status);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable open whose lease break was acknowledged is no longer replay eligible: its replay is a new open")]
    public static Task LeaseAcknowledgmentEndsEligibility(ScenarioContext context) =>
        UsedThenReplayedAsync(context, "a lease break acknowledgment", async (client, open) =>
        {
            var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
            var waiting = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(open.FileName, OplockLevel.None, CreateDisposition.FileOpen));
            var key = open.Lease!.LeaseKey;
            await LeaseSteps.ExpectBreakAsync(context, client, key, "3.3.4.7", null, "the durable lease's holder, after another client's open");
            var acknowledged = await LeaseSteps.AcknowledgeAsync(context, client, key, LeaseSteps.RH);
            await OplockSteps.CompletionOfAsync(context, waiting);
            return acknowledged.Status;
        });

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x: a durable batch open whose oplock break was acknowledged is no longer replay eligible: its replay is a new open")]
    public static async Task OplockAcknowledgmentEndsEligibility(ScenarioContext context)
    {
        var client = await DurableSteps.ClientAsync(context);
        var path = context.ScratchPath("oplock-ack");
        var request = DurableSteps.V2(path, Guid.NewGuid());
        var open = await DurableSteps.DurableOpenAsync(context, client, request);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var waiting = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen));
        await OplockSteps.ExpectBreakAsync(context, client, open, "3.3.4.6", null, "the durable batch holder, after another client's open");
        var acknowledged = await client.Connection.OplockBreakAcknowledgmentAsync(open, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", null, "the acknowledgment to level II", NtStatus.Success, acknowledged.Status);
        await OplockSteps.CompletionOfAsync(context, waiting);
        var replayed = await ReplayCreateAsync(context, client, request);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#N01, 3.3.5.9.10#N03", "the replayed FILE_CREATE after the oplock break acknowledgment (the open is no longer eligible)",
            NtStatus.ObjectNameCollision, replayed.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03", "3.3.5.9.10#10"],
        Title = "3.x: once used, the open's CreateGuid is no duplicate either: a DH2Q naming it without SMB2_FLAGS_REPLAY_OPERATION makes a new open")]
    public static async Task UsedOpenIsNoDuplicate(ScenarioContext context)
    {
        var (client, _, open) = await EligibleAsync(context, "no-duplicate", OplockSteps.ReadWrite);
        await SendAsync(context, client, Read(open), client.Session.ChannelSequence, replay: false);
        var again = await client.Connection.CreateAsync(client.Tree, LeasedV2(context.ScratchPath("no-duplicate-other"), open.CreateGuid, Guid.NewGuid()), context.CancellationToken);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#N01", "a DH2Q of another file with the CreateGuid of an open used by READ, not flagged as a replay", NtStatus.Success, again.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N02"],
        Title = "3.x: a durable open made for attributes alone (no data access, no DELETE) is never replay eligible: its replay is a new open")]
    public static async Task AttributesOnlyOpenIsNotEligible(ScenarioContext context)
    {
        var (client, request, _) = await EligibleAsync(context, "attributes-only", AccessMask.FileReadAttributes | AccessMask.ReadControl | AccessMask.Synchronize);
        var replayed = await ReplayCreateAsync(context, client, request);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#N02", "the replayed FILE_CREATE of an open granted FILE_READ_ATTRIBUTES, READ_CONTROL and SYNCHRONIZE only", NtStatus.ObjectNameCollision, replayed.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N02", "3.3.5.9.10#16"],
        Title = "3.x: a durable open made for DELETE (and attributes) is replay eligible: its replay is answered from it")]
    public static async Task DeleteAccessOpenIsEligible(ScenarioContext context)
    {
        var (client, request, open) = await EligibleAsync(context, "delete-access", AccessMask.Delete | AccessMask.FileReadAttributes | AccessMask.Synchronize);
        var response = context.CheckBody("3.3.5.9.10", "the replay of an open granted DELETE", await ReplayCreateAsync(context, client, request));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#N02", "FileId of the replay's response (the open's)", open.FileId, response.FileId);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N02", "3.3.5.9.10#16"],
        Title = "3.x: a durable open made for FILE_WRITE_DATA alone is replay eligible: its replay is answered from it")]
    public static async Task WriteAccessOpenIsEligible(ScenarioContext context)
    {
        var (client, request, open) = await EligibleAsync(context, "write-access", AccessMask.FileWriteData | AccessMask.Synchronize);
        var response = context.CheckBody("3.3.5.9.10", "the replay of an open granted FILE_WRITE_DATA", await ReplayCreateAsync(context, client, request));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#N02", "FileId of the replay's response (the open's)", open.FileId, response.FileId);
    }

    /// <summary>
    /// A durable leased open used once by <paramref name="what"/> (which must succeed unless <paramref name="mustSucceed"/>
    /// is false), then its CREATE replayed: no longer eligible, the FILE_CREATE goes on and meets the file.
    /// </summary>
    private static async Task UsedThenReplayedAsync(ScenarioContext context, string what, Func<Smb2Client, Open, Task<uint>> use, bool mustSucceed = true)
    {
        var (client, request, open) = await EligibleAsync(context, "used", OplockSteps.ReadWrite);
        var used = await use(client, open);
        if (mustSucceed)
        {
            context.CheckStatus("3.3.5.9.10", null, $"{what} on the durable open", NtStatus.Success, used);
        }
        context.Observe($"{what} on the durable open: {NtStatus.Describe(used)}");
        var replayed = await ReplayCreateAsync(context, client, request);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#N01, 3.3.5.9.10#N03", $"the replayed FILE_CREATE after {what} on the open (no longer eligible: a new open, and the file exists)",
            NtStatus.ObjectNameCollision, replayed.Status);
    }

    /// <summary>A durable open of a new file under an RWH v2 lease made with <paramref name="access"/>, and its request.</summary>
    private static async Task<(Smb2Client Client, CreateRequest Request, Open Open)> EligibleAsync(ScenarioContext context, string name, AccessMask access)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var request = LeasedV2(context.ScratchPath(name), Guid.NewGuid(), Guid.NewGuid(), access: access);
        return (client, request, await DurableSteps.DurableOpenAsync(context, client, request));
    }
}
