using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;
using static Conformance.Scenarios.Steps.ReplaySteps;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// The replay part of 3.3.5.9.10: a DH2Q CREATE with SMB2_FLAGS_REPLAY_OPERATION whose CreateGuid names
/// a replay-eligible open of this client is answered from that open (its FileId, its oplock or lease
/// as they are now, the DH2Q Timeout it was granted) without opening, creating or breaking anything,
/// and the open moves to the replay's connection; without the flag the same CreateGuid is
/// STATUS_DUPLICATE_OBJECTID. The current text checks nothing more of a replay that found its open (our
/// text's owner, lease key, FileAttributes, CreateDisposition and persistent flag checks are gone).
/// Another client, a closed open, or an open the client has since used is no replay at all: the CREATE
/// goes on as a new open.
/// </summary>
public static class CreateReplayScenarios
{
    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#04", "3.3.5.9.10#11", "3.3.5.9.10#16", "3.3.5.9.10#18", "3.3.5.9.10#N05"],
        Title = "3.x: a replayed DH2Q batch CREATE on the same channel is answered from the open: its FileId, FILE_OPENED, its batch oplock, the same DH2Q Timeout, no break")]
    public static async Task ReplayOnTheSameChannelReturnsTheOpen(ScenarioContext context)
    {
        var (client, request, first) = await DurableBatchAsync(context, "same-channel");
        var replayed = await ReplayCreateAsync(context, client, request);
        var response = context.CheckBody("3.3.5.9.10", "the replayed DH2Q CREATE", replayed);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response (the open's)", first.FileId, response.FileId);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "CreateAction of the replay's response (nothing was created)", CreateAction.FileOpened, response.CreateAction);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "OplockLevel of the replay's response (the open's)", first.OplockLevel, response.OplockLevel);
        CheckSameTimeout(context, first, response);
        await OplockSteps.ExpectNoBreakAsync(context, client, "3.3.5.9.10", "3.3.5.9.10#11", "the replay's client, after the replay (its own batch oplock is not broken)");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#16"],
        Title = "3.x: replayed twice, a DH2Q CREATE is answered from the same open both times")]
    public static async Task ReplayedTwiceReturnsTheSameOpen(ScenarioContext context)
    {
        var (client, request, first) = await DurableBatchAsync(context, "twice");
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var response = context.CheckBody("3.3.5.9.10", $"replay {attempt}", await ReplayCreateAsync(context, client, request));
            context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", $"FileId of replay {attempt}", first.FileId, response.FileId);
        }
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#16"],
        Title = "3.x: a replay naming another file but the open's CreateGuid is answered from the open (the lookup is by CreateGuid; the name is not compared)")]
    public static async Task ReplayUnderAnotherNameReturnsTheOpen(ScenarioContext context)
    {
        var (client, request, first) = await DurableBatchAsync(context, "another-name");
        var replay = V2(context.ScratchPath("another-name-other"), first.CreateGuid);
        var response = context.CheckBody("3.3.5.9.10", "the replay under another name", await ReplayCreateAsync(context, client, replay));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response", first.FileId, response.FileId);
        context.Observe($"first CREATE named {request.Name}, the replay {replay.Name}");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#16"],
        Title = "3.x: a replay asking other access is answered from the open (DesiredAccess is not among the fields 3.3.5.9.10 compares)")]
    public static async Task ReplayWithOtherAccessReturnsTheOpen(ScenarioContext context)
    {
        var (client, request, first) = await DurableBatchAsync(context, "other-access");
        request.DesiredAccess = AccessMask.GenericRead;
        var response = context.CheckBody("3.3.5.9.10", "the replay asking GENERIC_READ only", await ReplayCreateAsync(context, client, request));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response", first.FileId, response.FileId);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#16"],
        Title = "3.x: a replay of a leased open reports the lease as it is now: while a break of it waits for its acknowledgment, RWH with SMB2_LEASE_FLAG_BREAK_IN_PROGRESS, and no second break")]
    public static async Task ReplayWhileTheLeaseBreaks(ScenarioContext context)
    {
        var (client, request, first, key) = await DurableLeasedAsync(context, "breaking");
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var waiting = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(first.FileName, OplockLevel.None, CreateDisposition.FileOpen));
        await LeaseSteps.ExpectBreakAsync(context, client, key, "3.3.4.7", null, "the durable lease's holder, after another client's open");
        var response = context.CheckBody("3.3.5.9.10", "the replay while the lease breaks", await ReplayCreateAsync(context, client, request));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response", first.FileId, response.FileId);
        var grant = LeaseSteps.ExpectGrant(context, "3.3.5.9.10", "3.3.5.9.10#16", "the replay's response", response);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "LeaseState of the replay's response (the lease's, not yet acknowledged)", LeaseSteps.RWH, grant.LeaseState, LeaseSteps.Name);
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#16", "Flags of the replay's lease context", (grant.Flags & LeaseFlags.BreakInProgress) != 0,
            "SMB2_LEASE_FLAG_BREAK_IN_PROGRESS set (the lease is breaking)", grant.Flags.ToString());
        await LeaseSteps.AcknowledgeAsync(context, client, key, LeaseSteps.RH);
        context.CheckStatus("3.3.4.7", null, "the other client's open, once the break was acknowledged", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, waiting)).Status);
        await OplockSteps.ExpectNoBreakAsync(context, client, "3.3.5.9.10", "3.3.5.9.10#16", "the holder, after the replay and the acknowledgment (the replay broke nothing more)");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#16"],
        Title = "3.x: a replay asking another lease Epoch gets the lease's own Epoch back (the replay grants nothing new)")]
    public static async Task ReplayKeepsTheLeaseEpoch(ScenarioContext context)
    {
        var (client, request, first, key) = await DurableLeasedAsync(context, "epoch");
        var firstGrant = LeaseSteps.ExpectGrant(context, "3.3.5.9.11", null, "the first CREATE", first.Response);
        request.CreateContexts[0] = LeaseSteps.Context(2, key, LeaseSteps.RWH, epoch: 5);
        var response = context.CheckBody("3.3.5.9.10", "the replay with Epoch 5", await ReplayCreateAsync(context, client, request));
        var grant = LeaseSteps.ExpectGrant(context, "3.3.5.9.10", "3.3.5.9.10#16", "the replay's response", response);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "Epoch of the replay's lease context (the lease's)", firstGrant.Epoch, grant.Epoch);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "LeaseState of the replay's lease context", firstGrant.LeaseState, grant.LeaseState, LeaseSteps.Name);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#10"],
        Title = "3.x multichannel: the DH2Q CREATE resent on the alternate channel without SMB2_FLAGS_REPLAY_OPERATION: STATUS_DUPLICATE_OBJECTID")]
    public static async Task ResentWithoutTheFlagOnTheAlternateChannelIsADuplicate(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var request = LeasedV2(context.ScratchPath("duplicate-channel"), Guid.NewGuid(), Guid.NewGuid());
        await DurableOpenAsync(context, first, request);
        var again = await SendAsync(context, first, request, 0, replay: false, on: second);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#10", "the same DH2Q CREATE on the second channel, not flagged as a replay", NtStatus.DuplicateObjectId, again.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#04", "3.3.5.9.10#16"],
        Title = "3.x: a replay from a new session of the same client and user (another connection, same ClientGuid) is answered from the open")]
    public static async Task ReplayOnANewSessionOfTheSameUser(ScenarioContext context)
    {
        var (client, request, first) = await DurableBatchAsync(context, "new-session");
        var again = await SameClientAsync(context, client);
        var response = context.CheckBody("3.3.5.9.10", "the replay on a new session of the same client", await ReplayCreateAsync(context, again, request));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response", first.FileId, response.FileId);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x: a replay from a session of another user of the same client (same ClientGuid) is answered from the open (the current text dropped the Open.DurableOwner check of our text's 3.3.5.9.10#12)")]
    public static async Task ReplayAsAnotherUserIsAnsweredFromTheOpen(ScenarioContext context)
    {
        var credential = OtherUser(context);
        var (client, request, first) = await DurableBatchAsync(context, "other-user");
        var other = await SameClientAsync(context, client, credential);
        ExpectAnsweredFromTheOpen(context, $"the replay as {credential.User} of an open {context.Target.User} owns", first.FileId, await ReplayCreateAsync(context, other, request));
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#04", "3.3.5.9.10#05"],
        Title = "3.x: a replay with the CreateGuid of another client's open (another ClientGuid) is no replay: it is a new open")]
    public static async Task ReplayFromAnotherClientIsANewOpen(ScenarioContext context)
    {
        var (client, _, first) = await DurableBatchAsync(context, "other-client");
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var replayed = await ReplayCreateAsync(context, other, V2(context.ScratchPath("other-client-file"), first.CreateGuid));
        var response = context.CheckBody("3.3.5.9.10", "the other client's replay naming a new file", replayed);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#05", "CreateAction of the other client's CREATE (a new open, a new file)", CreateAction.FileCreated, response.CreateAction);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#04", "3.3.5.9.10#05"],
        Title = "3.x: a replay after the open was closed is no replay: the FILE_CREATE goes on as a new open and meets the file (STATUS_OBJECT_NAME_COLLISION)")]
    public static async Task ReplayAfterTheOpenWasClosedIsANewOpen(ScenarioContext context)
    {
        var (client, request, first) = await DurableBatchAsync(context, "closed");
        await client.Connection.CloseAsync(first, cancellationToken: context.CancellationToken);
        var replayed = await ReplayCreateAsync(context, client, request);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#05", "the replayed FILE_CREATE of a file whose open was closed", NtStatus.ObjectNameCollision, replayed.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x: a replay of a leased open asking a batch oplock and no lease is answered from the open (the current text dropped the lease key check of our text's 3.3.5.9.10#12)")]
    public static async Task ReplayWithoutTheLeaseIsAnsweredFromTheOpen(ScenarioContext context)
    {
        var (client, _, first, _) = await DurableLeasedAsync(context, "no-lease");
        var replayed = await ReplayCreateAsync(context, client, V2(first.FileName, first.CreateGuid, disposition: CreateDisposition.FileCreate));
        ExpectAnsweredFromTheOpen(context, "the replay of a leased open carrying no lease context", first.FileId, replayed);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N04"],
        Title = "3.x multichannel: a replay on the alternate channel moves the open there: its next oplock break comes on that channel")]
    public static async Task ReplayMovesTheOpenToItsChannel(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var path = context.ScratchPath("moves");
        var request = V2(path, Guid.NewGuid());
        var open = await DurableOpenAsync(context, first, request);
        var response = context.CheckBody("3.3.5.9.10", "the replay on the second channel", await ReplayCreateAsync(context, first, request, second));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response", open.FileId, response.FileId);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, first.Connection.Dialect!.Value));
        var conflicting = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen));
        var notification = await OplockSteps.ExpectBreakAsync(context, first, open, "3.3.4.6", null, "the batch oplock's holder, after another client's open");
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#N04", "the connection the break came on (Open.Connection)", notification.Connection == second,
            "the second channel, where the replay came", notification.Connection == first.Connection ? "the first channel" : notification.Connection.ToString());
        await notification.Connection.OplockBreakAcknowledgmentAsync(open, OplockLevel.II, context.CancellationToken);
        await OplockSteps.CompletionOfAsync(context, conflicting);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#04"],
        Title = "3.x multichannel: a replay of a DH2Q CREATE still pending (waiting on another client's batch oplock) is refused without a second open; the original then completes")]
    public static async Task ReplayOfAPendingCreate(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var path = context.ScratchPath("pending");
        var holder = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, first.Connection.Dialect!.Value));
        var held = await OplockSteps.HolderAsync(context, holder, path, OplockLevel.Batch);
        var request = V2(path, Guid.NewGuid(), disposition: CreateDisposition.FileOpen);
        var original = await OplockSteps.PostCreateAsync(context, first, request);
        await OplockSteps.ExpectBreakAsync(context, holder, held, "3.3.4.6", null, "the batch holder, after the DH2Q CREATE of the file");
        var replayed = await ReplayCreateAsync(context, first, request, second);
        // No clause says what a replay of a CREATE still pending answers (the open it names does not exist
        // yet): Samba answers STATUS_FILE_NOT_AVAILABLE, Windows STATUS_ACCESS_DENIED. Either refuses it.
        context.CheckStatusIn("3.3.5.9.10", "3.3.5.9.10#04", "the replay of the pending DH2Q CREATE, on the second channel", replayed.Status, NtStatus.FileNotAvailable, NtStatus.AccessDenied);
        context.Observe($"replay of a pending CREATE: {NtStatus.Describe(replayed.Status)}");
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        var completed = await OplockSteps.CompletionOfAsync(context, original);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#04", "the original DH2Q CREATE, once the break was acknowledged (the refused replay took nothing from it)", NtStatus.Success, completed.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#10"],
        Title = "3.x: the DH2Q + lease v2 CREATE of the trace resent on the same channel without SMB2_FLAGS_REPLAY_OPERATION: STATUS_DUPLICATE_OBJECTID")]
    public static async Task LeasedCreateResentWithoutTheFlagIsADuplicate(ScenarioContext context)
    {
        var (client, request, _, _) = await DurableLeasedAsync(context, "duplicate-leased");
        var again = await client.Connection.CreateAsync(client.Tree, request, context.CancellationToken);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#10", "the same leased DH2Q CREATE again, not flagged as a replay", NtStatus.DuplicateObjectId, again.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#16", "3.3.5.9.10#18"],
        Title = "3.x: the leased DH2Q CREATE replayed on its own channel is answered from the open: its FileId, its RWH lease and Epoch, a DH2Q response")]
    public static async Task LeasedCreateReplayedOnItsChannel(ScenarioContext context)
    {
        var (client, request, first, key) = await DurableLeasedAsync(context, "leased-same-channel");
        var firstGrant = LeaseSteps.ExpectGrant(context, "3.3.5.9.11", null, "the first CREATE", first.Response);
        var response = context.CheckBody("3.3.5.9.10", "the replayed leased CREATE", await ReplayCreateAsync(context, client, request));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "FileId of the replay's response", first.FileId, response.FileId);
        var grant = LeaseSteps.ExpectGrant(context, "3.3.5.9.10", "3.3.5.9.10#16", "the replay's response", response);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "LeaseKey of the replay's lease context", key, grant.LeaseKey);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "LeaseState of the replay's lease context", firstGrant.LeaseState, grant.LeaseState, LeaseSteps.Name);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", "Epoch of the replay's lease context", firstGrant.Epoch, grant.Epoch);
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#18", "the replay's create contexts", DurableV2Of(response) is not null, "an SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2 (the lease caches handles)", "none");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N01", "3.3.5.9.10#N03"],
        Title = "3.x multichannel: an open the client used on the first channel (a WRITE) is no longer replay eligible: its CREATE replayed on the second channel is a new open (STATUS_OBJECT_NAME_COLLISION)")]
    public static async Task ReplayOnTheAlternateChannelAfterUseIsANewOpen(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var request = LeasedV2(context.ScratchPath("used-then-replayed"), Guid.NewGuid(), Guid.NewGuid());
        var open = await DurableOpenAsync(context, first, request);
        await SendAsync(context, first, Write(open, 0x81), 0, replay: false);
        var replayed = await ReplayCreateAsync(context, first, request, second);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#N01, 3.3.5.9.10#N03", "the FILE_CREATE replayed on the second channel after a WRITE on the open", NtStatus.ObjectNameCollision, replayed.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#04", "3.3.5.9.10#05", "3.3.5.9.10#06"],
        Title = "3.x: a DH2Q CREATE flagged as a replay whose CreateGuid names no open is a new open, and records the CreateGuid (the same one unflagged is then a duplicate)")]
    public static async Task ReplayNamingNoOpenIsANewOpen(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        var request = V2(context.ScratchPath("unknown-guid"), Guid.NewGuid());
        var response = context.CheckBody("3.3.5.9.10", "a replay-flagged DH2Q CREATE of a new file", await ReplayCreateAsync(context, client, request));
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#05", "CreateAction of the replay-flagged CREATE naming no open", CreateAction.FileCreated, response.CreateAction);
        var again = await client.Connection.CreateAsync(client.Tree, V2(context.ScratchPath("unknown-guid-other"), request.CreateContexts.OfType<Adapters.Wire.CreateContexts.CreateDurableHandleRequestV2>().Single().CreateGuid), context.CancellationToken);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#06", "an unflagged DH2Q with the same CreateGuid (the new open recorded it)", NtStatus.DuplicateObjectId, again.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N02", "3.3.5.9.10#24"],
        Title = "3.x on a continuously available share: a persistent open is replay eligible whatever its access (attributes alone): its replay is answered from it, with SMB2_DHANDLE_FLAG_PERSISTENT")]
    public static Task PersistentOpenIsEligibleWhateverItsAccess(ScenarioContext context) =>
        PersistentReplayAsync(context, "persistent-replay", request => request.DesiredAccess = AccessMask.FileReadAttributes | AccessMask.Synchronize, _ => { },
            "the replay of a persistent open granted FILE_READ_ATTRIBUTES and SYNCHRONIZE only", "3.3.5.9.10#N02");

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N07", "3.3.5.9.10#24"],
        Title = "3.x on a continuously available share: a persistent open used by QUERY_INFO stays replay eligible (current 3.3.5.20 clears only a non-persistent open's): its replay is answered from it")]
    public static Task PersistentOpenStaysEligibleAfterUse(ScenarioContext context) =>
        PersistentReplayAsync(context, "persistent-used", _ => { }, _ => { }, "the replay of a persistent open after a QUERY_INFO on it", "3.3.5.9.10#N07", useFirst: true);

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x multichannel: the CREATE replayed on the alternate channel with another CreateDisposition (FILE_OPEN_IF for FILE_CREATE) is answered from the open (no field of the request is compared)")]
    public static Task AlternateChannelReplayWithAnotherDisposition(ScenarioContext context) =>
        AlternateChannelReplayAnsweredAsync(context, "disposition", request => request.CreateDisposition = CreateDisposition.FileOpenIf, "CreateDisposition FILE_OPEN_IF where the open was made with FILE_CREATE");

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06"],
        Title = "3.x multichannel: the CREATE replayed on the alternate channel with other FileAttributes (HIDDEN for NORMAL) is answered from the open (no field of the request is compared)")]
    public static Task AlternateChannelReplayWithOtherAttributes(ScenarioContext context) =>
        AlternateChannelReplayAnsweredAsync(context, "attributes", request => request.FileAttributes = Adapters.Wire.Messages.FileAttributes.Hidden, "FileAttributes HIDDEN where the open was made with NORMAL");

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", Requirements = ["3.3.5.9.10#N06", "3.3.5.9.10#24"],
        Title = "3.x on a continuously available share: a persistent open's CREATE replayed without SMB2_DHANDLE_FLAG_PERSISTENT is answered from the open, its DH2Q response still flagged persistent")]
    public static Task PersistentReplayWithoutThePersistentFlag(ScenarioContext context) =>
        PersistentReplayAsync(context, "persistent-no-flag", _ => { },
            request => request.CreateContexts.OfType<Adapters.Wire.CreateContexts.CreateDurableHandleRequestV2>().Single().Flags = DurableHandleFlags.None,
            "the replay of a persistent open without SMB2_DHANDLE_FLAG_PERSISTENT", "3.3.5.9.10#N06");

    /// <summary>
    /// A persistent DH2Q open of a file on the continuously available share (its request changed first by
    /// <paramref name="open"/>), used once by a QUERY_INFO when <paramref name="useFirst"/>, then its CREATE
    /// changed by <paramref name="replay"/> and replayed: answered from the open, the DH2Q response flagged
    /// persistent. The file is deleted at the end.
    /// </summary>
    private static async Task PersistentReplayAsync(ScenarioContext context, string name, Action<CreateRequest> open, Action<CreateRequest> replay, string subject, string requirement,
        bool useFirst = false)
    {
        var client = await ClientAsync(context);
        var tree = await ShareSteps.ContinuouslyAvailableAsync(context, client);
        var request = V2(ShareSteps.RootName(name), Guid.NewGuid(), flags: DurableHandleFlags.Persistent, disposition: CreateDisposition.FileOpenIf);
        open(request);
        var created = await client.Connection.CreateAsync(tree, request, context.CancellationToken);
        if (created.Open is not { IsPersistent: true } persistent)
        {
            throw new ScenarioInconclusiveException($"the persistent DH2Q on {tree.ShareName} was not granted persistent ({NtStatus.Describe(created.Status)})");
        }
        if (useFirst)
        {
            var query = new Smb2Request(client.Connection.Build(QueryStandard(persistent), client.Session, tree)) { Session = client.Session, TreeConnect = tree };
            context.CheckStatus("3.3.5.20", null, "QUERY_INFO FileStandardInformation on the persistent open",
                NtStatus.Success, (await RequestSteps.SendAsync<QueryInfoResponse>(context, client.Connection, query)).Status);
        }
        replay(request);
        var message = new Smb2Request(client.Connection.Build(request, client.Session, tree)) { Session = client.Session, TreeConnect = tree };
        message.Header.Flags |= Smb2HeaderFlags.ReplayOperation;
        var response = context.CheckBody("3.3.5.9.10", subject, await RequestSteps.SendAsync<CreateResponse>(context, client.Connection, message));
        context.CheckEqual("3.3.5.9.10", requirement, $"FileId of the response to {subject} (the persistent open's)", persistent.FileId, response.FileId);
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#24", $"Flags of the DH2Q response to {subject} (Open.IsPersistent)", DurableV2Of(response) is { } durable && (durable.Flags & DurableHandleFlags.Persistent) != 0,
            "SMB2_DHANDLE_FLAG_PERSISTENT", DurableV2Of(response)?.Flags.ToString() ?? "no DH2Q response");
        await client.Connection.CloseAsync(persistent, cancellationToken: context.CancellationToken);
        await ShareSteps.DeleteAsync(context, client, tree, request.Name);
    }

    /// <summary>A durable batch open made on the first channel; its CREATE, changed by <paramref name="change"/>, replayed on the second: answered from the open.</summary>
    private static async Task AlternateChannelReplayAnsweredAsync(ScenarioContext context, string name, Action<CreateRequest> change, string what)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var request = V2(context.ScratchPath($"alternate-{name}"), Guid.NewGuid());
        var open = await DurableOpenAsync(context, first, request);
        change(request);
        ExpectAnsweredFromTheOpen(context, $"the CREATE replayed on the second channel with {what}", open.FileId, await ReplayCreateAsync(context, first, request, second));
    }

    /// <summary>A 3.x client with a durable DH2Q batch open of a new file (FILE_CREATE), the request that made it, and the open.</summary>
    private static async Task<(Smb2Client Client, CreateRequest Request, Open Open)> DurableBatchAsync(ScenarioContext context, string name)
    {
        var client = await ClientAsync(context);
        var request = V2(context.ScratchPath(name), Guid.NewGuid());
        var open = await DurableOpenAsync(context, client, request);
        return (client, request, open);
    }

    /// <summary>A 3.x client with a durable DH2Q open of a new file under an RWH v2 lease, the request, the open and the lease key.</summary>
    private static async Task<(Smb2Client Client, CreateRequest Request, LeasedOpen Open, Guid Key)> DurableLeasedAsync(ScenarioContext context, string name)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var key = Guid.NewGuid();
        var request = LeasedV2(context.ScratchPath(name), Guid.NewGuid(), key);
        var created = await client.Connection.CreateAsync(client.Tree, request, context.CancellationToken);
        if (created is not { Open: { Durable: true } open, Response.Body: { } body })
        {
            throw new ScenarioInconclusiveException($"needs a durable leased open; {context.Target.Name} answered {NtStatus.Describe(created.Status)} without a durable handle response");
        }
        return (client, request, new LeasedOpen(open, body), key);
    }

    private static void CheckSameTimeout(ScenarioContext context, Open first, CreateResponse replay)
    {
        var durable = DurableV2Of(replay);
        context.CheckTrue("3.3.5.9.10", "3.3.5.9.10#18", "the replay's create contexts", durable is not null, "an SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2", "none");
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#N05", "Timeout of the replay's DH2Q response (Open.DurableOpenTimeout, as the first CREATE was answered)", first.DurableTimeout, durable!.Timeout);
    }
}

/// <summary>A leased open and the CREATE response that made it.</summary>
internal sealed record LeasedOpen(Open Open, CreateResponse Response)
{
    public FileId FileId => Open.FileId;
    public string FileName => Open.FileName;
    public Guid CreateGuid => Open.CreateGuid;

    public static implicit operator Open(LeasedOpen leased) => leased.Open;
}
