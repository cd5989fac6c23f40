using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.ReplaySteps;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// The branches of 3.3.5.2.10 that need Open.OutstandingPreRequestCount above zero: a request of an
/// older epoch still outstanding (a blocking LOCK of a file, a CHANGE_NOTIFY of a directory) when the
/// open has moved to a newer ChannelSequence. With SMB2_FLAGS_REPLAY_OPERATION, WRITE, SET_INFO and
/// IOCTL then fail with STATUS_FILE_NOT_AVAILABLE whether the ChannelSequence is the open's or newer;
/// READ is served; requests without the flag are served; once the older request's final response is
/// sent (3.3.4.1 decrements the count it was in) the replay is served. The counts are the open's, on
/// whichever channel the requests come.
/// </summary>
public static class OutstandingRequestScenarios
{
    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#03", "3.3.5.2.10#09"],
        Title = "3.x: a replayed WRITE with the open's ChannelSequence while a blocking LOCK of the older epoch waits: STATUS_FILE_NOT_AVAILABLE")]
    public static async Task ReplayedWriteWhileAnOlderLockWaits(ScenarioContext context)
    {
        var held = await OlderLockWaitingAsync(context, "lock-write");
        var replay = await SendAsync(context, held.Client, Write(held.Waiter, 0x41), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "WRITE with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1, the open's, while its LOCK of ChannelSequence 0 waits (OutstandingPreRequestCount 1)",
            NtStatus.FileNotAvailable, replay.Status);
        await held.EndAsync(context);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#02", "3.3.5.2.10#09"],
        Title = "3.x: a replayed IOCTL with the open's ChannelSequence while a blocking LOCK of the older epoch waits: STATUS_FILE_NOT_AVAILABLE")]
    public static async Task ReplayedIoctlWhileAnOlderLockWaits(ScenarioContext context)
    {
        var held = await OlderLockWaitingAsync(context, "lock-ioctl");
        var replay = await SendAsync(context, held.Client, ResumeKey(held.Waiter), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "IOCTL FSCTL_SRV_REQUEST_RESUME_KEY with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1 while the LOCK of ChannelSequence 0 waits",
            NtStatus.FileNotAvailable, replay.Status);
        var unflagged = await SendAsync(context, held.Client, ResumeKey(held.Waiter), 1, replay: false);
        context.CheckTrue("3.3.5.2.10", "3.3.5.2.10#02", "the same IOCTL without the flag", unflagged.Status != NtStatus.FileNotAvailable,
            "any status but STATUS_FILE_NOT_AVAILABLE (the FSCTL itself may be unsupported)", NtStatus.Describe(unflagged.Status));
        await held.EndAsync(context);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#09"],
        Title = "3.x: a replayed READ while a blocking LOCK of the older epoch waits is served (only WRITE, SET_INFO and IOCTL are failed)")]
    public static async Task ReplayedReadWhileAnOlderLockWaits(ScenarioContext context)
    {
        var held = await OlderLockWaitingAsync(context, "lock-read");
        var replay = await SendAsync(context, held.Client, Read(held.Waiter, offset: 100), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "READ (beyond the locked bytes) with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1 while the LOCK of ChannelSequence 0 waits", NtStatus.Success, replay.Status);
        await held.EndAsync(context);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#09"],
        Title = "3.x: a replayed SET_INFO with the open's ChannelSequence while a blocking LOCK of the older epoch waits: STATUS_FILE_NOT_AVAILABLE")]
    public static async Task ReplayedSetInfoWhileAnOlderLockWaits(ScenarioContext context)
    {
        var held = await OlderLockWaitingAsync(context, "lock-set-info");
        var replay = await SendAsync(context, held.Client, EndOfFile(held.Waiter, 200), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "SET_INFO with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1 while the LOCK of ChannelSequence 0 waits", NtStatus.FileNotAvailable, replay.Status);
        await held.EndAsync(context);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#09"],
        Title = "3.x: a replayed FLUSH or QUERY_INFO while a blocking LOCK of the older epoch waits is served (only WRITE, SET_INFO and IOCTL are failed)")]
    public static async Task ReplayedFlushAndQueryInfoWhileAnOlderLockWaits(ScenarioContext context)
    {
        var held = await OlderLockWaitingAsync(context, "lock-flush");
        var flushed = await SendAsync(context, held.Client, Flush(held.Waiter), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "FLUSH with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1 while the LOCK of ChannelSequence 0 waits", NtStatus.Success, flushed.Status);
        var queried = await SendAsync(context, held.Client, QueryStandard(held.Waiter), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "QUERY_INFO with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1 while the LOCK waits", NtStatus.Success, queried.Status);
        await held.EndAsync(context);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", "3.3.4.1", Requirements = ["3.3.5.2.10#06", "3.3.4.1#04"],
        Title = "3.x: once the blocking LOCK of the older epoch is granted, the replayed WRITE is served (the LOCK's response took it out of OutstandingPreRequestCount)")]
    public static async Task ReplayedWriteAfterTheOlderLockIsGranted(ScenarioContext context)
    {
        var held = await OlderLockWaitingAsync(context, "lock-granted");
        var granted = await held.GrantAsync(context);
        context.CheckStatus("3.3.5.14", null, "the blocking LOCK, once the holder unlocked", NtStatus.Success, granted.Status);
        var replay = await SendAsync(context, held.Client, Write(held.Waiter, 0x42), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#06, 3.3.4.1#04", "WRITE with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1 once the LOCK of ChannelSequence 0 completed", NtStatus.Success, replay.Status);
        await held.EndAsync(context);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: a replayed WRITE with a newer ChannelSequence fails while the older LOCK waits, and is adopted once the LOCK is granted")]
    public static async Task NewerReplayedWriteWaitsForTheOlderLock(ScenarioContext context)
    {
        var held = await OlderLockWaitingAsync(context, "lock-newer");
        var early = await SendAsync(context, held.Client, Write(held.Waiter, 0x43), 2, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "WRITE with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 2 (newer) while the LOCK of ChannelSequence 0 waits", NtStatus.FileNotAvailable, early.Status);
        await held.GrantAsync(context);
        var adopted = await SendAsync(context, held.Client, Write(held.Waiter, 0x44), 2, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "the same replay once the LOCK was granted", NtStatus.Success, adopted.Status);
        var stale = await SendAsync(context, held.Client, Write(held.Waiter, 0x45), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#08", "WRITE with ChannelSequence 1 after the replay with 2 (the open adopted 2)", NtStatus.FileNotAvailable, stale.Status);
        await held.EndAsync(context);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#02"],
        Title = "3.x: without SMB2_FLAGS_REPLAY_OPERATION a request of the open's epoch is served while one of an older epoch is outstanding")]
    public static async Task UnflaggedCurrentEpochIgnoresTheOutstanding(ScenarioContext context)
    {
        var (client, directory, notify) = await OlderNotifyOutstandingAsync(context, "unflagged-equal");
        var served = await SendAsync(context, client, NoChange(directory), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#02", "SET_INFO without the flag, ChannelSequence 1 (the open's), the CHANGE_NOTIFY of 0 outstanding", NtStatus.Success, served.Status);
        await EndAsync(context, client, directory, notify);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#03", "3.3.5.2.10#04"],
        Title = "3.x: without SMB2_FLAGS_REPLAY_OPERATION a newer ChannelSequence is adopted even while requests of older epochs are outstanding")]
    public static async Task UnflaggedNewerEpochIgnoresTheOutstanding(ScenarioContext context)
    {
        var (client, directory, notify) = await OlderNotifyOutstandingAsync(context, "unflagged-newer");
        var newer = await SendAsync(context, client, NoChange(directory), 2, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#03", "SET_INFO without the flag, ChannelSequence 2 (newer), the CHANGE_NOTIFY of 0 outstanding", NtStatus.Success, newer.Status);
        var stale = await SendAsync(context, client, NoChange(directory), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#04", "SET_INFO with ChannelSequence 1 after the one with 2 (the open adopted 2)", NtStatus.FileNotAvailable, stale.Status);
        await EndAsync(context, client, directory, notify);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", "3.3.4.1", Requirements = ["3.3.4.1#03", "3.3.5.2.10#06"],
        Title = "3.x: a request of the current epoch that completes leaves OutstandingRequestCount: when the epoch then moves on, nothing older is outstanding and a replay is served")]
    public static async Task CurrentEpochCompletionDecrementsItsCount(ScenarioContext context)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        var directory = await DirectoryAsync(context, client, "current-completes");
        var notify = await HoldNotifyAsync(context, client, directory, 0);
        var cancelled = await CancelAsync(context, client.Connection, notify);
        context.CheckStatus("3.3.5.16", null, "the cancelled CHANGE_NOTIFY of ChannelSequence 0, the open's", NtStatus.Cancelled, cancelled.Status);
        var newer = await SendAsync(context, client, NoChange(directory), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#03", "SET_INFO with ChannelSequence 1, newer (OutstandingPreRequestCount += OutstandingRequestCount)", NtStatus.Success, newer.Status);
        var replay = await SendAsync(context, client, NoChange(directory), 1, replay: true);
        context.CheckStatus("3.3.4.1", "3.3.4.1#03, 3.3.5.2.10#06",
            "SET_INFO with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1: the CHANGE_NOTIFY's final response decremented OutstandingRequestCount before the epoch moved, so none moved to OutstandingPreRequestCount",
            NtStatus.Success, replay.Status);
        await client.Connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", "3.3.4.1", Requirements = ["3.3.5.2.10#03", "3.3.5.2.10#09", "3.3.4.1#04"],
        Title = "3.x: two requests of the older epoch outstanding count twice: a replay fails until both completed")]
    public static async Task TwoOutstandingOfTheOlderEpochCountTwice(ScenarioContext context)
    {
        var (client, directory, first) = await OlderNotifyOutstandingAsync(context, "two-outstanding", extra: 1);
        var second = first.Extra[0];
        await CancelAsync(context, client.Connection, first.Notify);
        var stillRefused = await SendAsync(context, client, NoChange(directory), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09, 3.3.4.1#04", "replayed SET_INFO with ChannelSequence 1 with one of the two CHANGE_NOTIFYs of 0 completed (OutstandingPreRequestCount 1)",
            NtStatus.FileNotAvailable, stillRefused.Status);
        await CancelAsync(context, client.Connection, second);
        var served = await SendAsync(context, client, NoChange(directory), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.4.1#04", "the same replay once both completed (OutstandingPreRequestCount 0)", NtStatus.Success, served.Status);
        await client.Connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x: the outstanding counts are the open's: a request of an older epoch outstanding on one directory does not fail a replay on another")]
    public static async Task OutstandingCountsArePerOpen(ScenarioContext context)
    {
        var (client, directory, notify) = await OlderNotifyOutstandingAsync(context, "per-open");
        var other = await DirectoryAsync(context, client, "per-open-other");
        var replay = await SendAsync(context, client, NoChange(other), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "replayed SET_INFO with ChannelSequence 1 (newer) on a second directory, whose own open has nothing outstanding", NtStatus.Success, replay.Status);
        await client.Connection.CloseAsync(other, cancellationToken: context.CancellationToken);
        await EndAsync(context, client, directory, notify);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#03", "3.3.5.2.10#06", "3.3.5.2.10#09"],
        Title = "3.x multichannel: a CHANGE_NOTIFY of the older epoch outstanding on the first channel fails a replay on the second, until it is cancelled")]
    public static async Task OutstandingOnAnotherChannelCounts(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var directory = await DirectoryAsync(context, first, "other-channel");
        var notify = await HoldNotifyAsync(context, first, directory, 0);
        var newer = await SendAsync(context, first, NoChange(directory), 1, replay: false, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#03", "SET_INFO with ChannelSequence 1 on the second channel while the CHANGE_NOTIFY of 0 waits on the first", NtStatus.Success, newer.Status);
        var refused = await SendAsync(context, first, NoChange(directory), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "replayed SET_INFO with ChannelSequence 1 on the second channel", NtStatus.FileNotAvailable, refused.Status);
        await CancelAsync(context, first.Connection, notify);
        var served = await SendAsync(context, first, NoChange(directory), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#06", "the same replay once the CHANGE_NOTIFY on the first channel was cancelled", NtStatus.Success, served.Status);
        await first.Connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", "3.3.4.1", Requirements = ["3.3.5.2.10#06", "3.3.4.1#04"],
        Title = "3.x multichannel: the channel that held the older epoch's CHANGE_NOTIFY is lost; the request ends with it, and the replay on the surviving channel is served")]
    public static async Task LostChannelTakesItsOutstandingRequest(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var directory = await DirectoryAsync(context, first, "lost-channel");
        await HoldNotifyAsync(context, first, directory, 0);
        var newer = await SendAsync(context, first, NoChange(directory), 1, replay: false, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#03", "SET_INFO with ChannelSequence 1 on the second channel", NtStatus.Success, newer.Status);
        await LoseChannelAsync(context, first.Connection);
        var served = await SendAsync(context, first, NoChange(directory), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#06, 3.3.4.1#04",
            "replayed SET_INFO with ChannelSequence 1 on the second channel after the first, with the CHANGE_NOTIFY of 0, was lost", NtStatus.Success, served.Status);
    }

    /// <summary>
    /// A directory whose CHANGE_NOTIFY with ChannelSequence 0 (and <paramref name="extra"/> more) is
    /// pending, then a SET_INFO with 1: the open adopts 1, the pending ones count in OutstandingPreRequestCount.
    /// </summary>
    private static async Task<(Smb2Client Client, Open Directory, HeldNotifies Held)> OlderNotifyOutstandingAsync(ScenarioContext context, string name, int extra = 0)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        var directory = await DirectoryAsync(context, client, name);
        var notify = await HoldNotifyAsync(context, client, directory, 0);
        var more = new List<PendingRequest>();
        for (var i = 0; i < extra; i++)
        {
            more.Add(await HoldNotifyAsync(context, client, directory, 0));
        }
        var newer = await SendAsync(context, client, NoChange(directory), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#03", "SET_INFO with ChannelSequence 1 (newer than the open's 0) while the CHANGE_NOTIFY is outstanding", NtStatus.Success, newer.Status);
        return (client, directory, new HeldNotifies(notify, more));
    }

    private static async Task EndAsync(ScenarioContext context, Smb2Client client, Open directory, HeldNotifies held)
    {
        foreach (var pending in held.Extra.Prepend(held.Notify))
        {
            await CancelAsync(context, client.Connection, pending);
        }
        await client.Connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }

    /// <summary>
    /// A file opened twice in one session: the holder locks bytes 0-9, the waiter's blocking LOCK of them
    /// (ChannelSequence 0) waits; then a WRITE of the waiter with ChannelSequence 1 moves its open on,
    /// so the LOCK counts in OutstandingPreRequestCount.
    /// </summary>
    private static async Task<HeldLock> OlderLockWaitingAsync(ScenarioContext context, string name)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        var path = context.ScratchPath(name);
        var holder = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileCreate));
        var waiter = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen));
        var blocked = await HoldLockAsync(context, client, holder, waiter, 0);
        var newer = await SendAsync(context, client, Write(waiter, 0x40, offset: 100), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#03", "WRITE (beyond the locked bytes) with ChannelSequence 1 while the LOCK of 0 waits", NtStatus.Success, newer.Status);
        return new HeldLock(client, holder, waiter, blocked);
    }

    private sealed record HeldNotifies(PendingRequest Notify, IReadOnlyList<PendingRequest> Extra);

    private sealed record HeldLock(Smb2Client Client, Open Holder, Open Waiter, PendingRequest Blocked)
    {
        /// <summary>The holder unlocks; the waiting LOCK is granted and its final response comes.</summary>
        public async Task<Smb2Response> GrantAsync(ScenarioContext context)
        {
            var unlocked = await SendAsync(context, Client, Lock(Holder, LockFlags.Unlock), 0, replay: false);
            context.CheckStatus("3.3.5.14", null, "the holder's unlock of bytes 0-9", NtStatus.Success, unlocked.Status);
            return await Blocked.WaitAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        }

        public async Task EndAsync(ScenarioContext context)
        {
            if (!Blocked.IsCompleted)
            {
                await CancelAsync(context, Client.Connection, Blocked);
            }
            await Client.Connection.CloseAsync(Waiter, cancellationToken: context.CancellationToken);
            await Client.Connection.CloseAsync(Holder, cancellationToken: context.CancellationToken);
        }
    }
}
