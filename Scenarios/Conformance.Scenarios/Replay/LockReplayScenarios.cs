using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.ReplaySteps;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// The replay of LOCK, made safe by the lock sequence of 3.3.5.14: a LOCK (or an unlock) of a durable or
/// resilient open sent again with the LockSequenceIndex and LockSequenceNumber it was processed with is
/// answered with success and not done twice; another number at that index, an index of 0 or above 64, or
/// an open that is neither durable nor resilient has the request processed again. The bytes 0-9 are
/// locked exclusively with FAIL_IMMEDIATELY, so a lock processed twice fails (STATUS_LOCK_NOT_GRANTED, the
/// open's own lock is in the way) and a range locked once is unlocked once (then STATUS_RANGE_NOT_LOCKED).
/// </summary>
public static class LockReplayScenarios
{
    private const LockFlags Exclusive = LockFlags.ExclusiveLock | LockFlags.FailImmediately;

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", "3.3.5.14.2", "3.3.5.2.10", Requirements = ["3.3.5.14#08", "3.3.5.14#10", "3.3.5.14#11", "3.3.5.14#N02", "3.3.5.14.2#14", "3.3.5.14.2#16", "3.3.5.14.2#N01"],
        Title = "3.x multichannel: a durable open's LOCK with a lock sequence, resent with SMB2_FLAGS_REPLAY_OPERATION on the alternate channel after its channel is lost, succeeds and locks the range once")]
    public static async Task LockReplayedOnTheAlternateChannel(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var open = await DurableSteps.DurableOpenAsync(context, first, DurableSteps.V2(context.ScratchPath("lock-replay-channel"), Guid.NewGuid()));
        var original = await SendAsync(context, first, Sequenced(open, Exclusive, 1, 3), 0, replay: false);
        context.CheckStatus("3.3.5.14.2", null, "the LOCK of bytes 0-9 with LockSequenceIndex 1, LockSequenceNumber 3", NtStatus.Success, original.Status);
        await LoseChannelAsync(context, first.Connection);
        var replayed = await SendAsync(context, first, Sequenced(open, Exclusive, 1, 3), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.14", "3.3.5.14#11, 3.3.5.14#N02", "the same LOCK replayed on the alternate channel with ChannelSequence 1", NtStatus.Success, replayed.Status);
        await CheckLockedOnceAsync(context, first, open, 1, second);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", "3.3.5.14.2", Requirements = ["3.3.5.14#08", "3.3.5.14#10", "3.3.5.14#11", "3.3.5.14#N02", "3.3.5.14.2#14", "3.3.5.14.2#16", "3.3.5.14.2#N01"],
        Title = "3.x: a durable open's LOCK resent with the same lock sequence and SMB2_FLAGS_REPLAY_OPERATION on the same channel succeeds without a second lock")]
    public static async Task LockResentOnTheSameChannel(ScenarioContext context)
    {
        var (client, open) = await DurableFileAsync(context, "same-channel");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 5, 9), NtStatus.Success, "3.3.5.14.2", null, "the LOCK with LockSequenceIndex 5, LockSequenceNumber 9");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 5, 9), NtStatus.Success, "3.3.5.14", "3.3.5.14#11, 3.3.5.14#N02", "the same LOCK resent as a replay", replay: true);
        await CheckLockedOnceAsync(context, client, open, 0);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", Requirements = ["3.3.5.14#10", "3.3.5.14#12", "3.3.5.14#N03"],
        Title = "3.x: another LockSequenceNumber at the same index is a new lock (STATUS_LOCK_NOT_GRANTED for the held range), and it invalidates the entry: the first number resent is processed too")]
    public static async Task AnotherNumberAtTheSameIndexIsANewLock(ScenarioContext context)
    {
        var (client, open) = await DurableFileAsync(context, "other-number");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 2, 1), NtStatus.Success, "3.3.5.14.2", null, "the LOCK with LockSequenceIndex 2, LockSequenceNumber 1");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 2, 2), NtStatus.LockNotGranted, "3.3.5.14", "3.3.5.14#12, 3.3.5.14#N03",
            "the same range with LockSequenceIndex 2, LockSequenceNumber 2 (processed: the open's own exclusive lock is in the way)", replay: true);
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 2, 1), NtStatus.LockNotGranted, "3.3.5.14", "3.3.5.14#N03",
            "LockSequenceNumber 1 again at index 2 (the entry was invalidated: processed)", replay: true);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", Requirements = ["3.3.5.14#N01"],
        Title = "3.x: a LOCK with LockSequenceIndex 0 gets no lock sequence check: the same LOCK sent again is processed (STATUS_LOCK_NOT_GRANTED)")]
    public static Task IndexZeroIsNotChecked(ScenarioContext context) => NotCheckedAsync(context, 0, "3.3.5.14#N01");

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", "3.3.5.14.2", Requirements = ["3.3.5.14#09", "3.3.5.14#N01", "3.3.5.14.2#15"],
        Title = "3.x: a LOCK with LockSequenceIndex 65 (beyond the 64 entries) gets no lock sequence check: the same LOCK sent again is processed (STATUS_LOCK_NOT_GRANTED)")]
    public static Task IndexAbove64IsNotChecked(ScenarioContext context) => NotCheckedAsync(context, 65, "3.3.5.14#09, 3.3.5.14.2#15, 3.3.5.14#N01");

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", "3.3.5.14.1", Requirements = ["3.3.5.14.1#08", "3.3.5.14.1#10", "3.3.5.14.1#N01", "3.3.5.14#11"],
        Title = "3.x: a durable open's unlock resent with the same lock sequence succeeds (not STATUS_RANGE_NOT_LOCKED): the unlock recorded its sequence")]
    public static Task UnlockResentWithTheSameSequence(ScenarioContext context) =>
        UnlockSentTwiceAsync(context, 7, NtStatus.Success, "3.3.5.14.1#10, 3.3.5.14.1#N01, 3.3.5.14#11", "recorded: answered with success, not processed");

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", "3.3.5.14.1", Requirements = ["3.3.5.14.1#09", "3.3.5.14#09"],
        Title = "3.x: an unlock with LockSequenceIndex 65 records nothing: the same unlock sent again is processed (STATUS_RANGE_NOT_LOCKED)")]
    public static Task UnlockAtIndex65IsNotRecorded(ScenarioContext context) =>
        UnlockSentTwiceAsync(context, 65, NtStatus.RangeNotLocked, "3.3.5.14.1#09, 3.3.5.14#09", "index 65: nothing recorded, processed");

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", Requirements = ["3.3.5.14#N04"],
        Title = "2.1: an open neither durable nor resilient gets no lock sequence check: the same LOCK sent again is processed (STATUS_LOCK_NOT_GRANTED)")]
    public static async Task PlainOpenAt21IsNotChecked(ScenarioContext context)
    {
        var client = await LogOnAt21Async(context);
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("lock-seq-plain"), OplockLevel.None, CreateDisposition.FileCreate));
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 1, 4), NtStatus.Success, "3.3.5.14.2", null, "2.1: the LOCK with LockSequenceIndex 1, LockSequenceNumber 4");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 1, 4), NtStatus.LockNotGranted, "3.3.5.14", "3.3.5.14#N04", "2.1: the same LOCK sent again (no check for this open: processed)");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.14", "3.3.5.14.2", "3.3.5.15.9", Requirements = ["3.3.5.14#11", "3.3.5.14#N02", "3.3.5.14.2#16", "3.3.5.14.2#N01"],
        Title = "2.1: a resilient open (FSCTL_LMR_REQUEST_RESILIENCY) gets the check: the same LOCK resent with its lock sequence succeeds and locks the range once")]
    public static async Task ResilientOpenAt21IsChecked(ScenarioContext context)
    {
        var client = await LogOnAt21Async(context);
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("lock-seq-resilient"), OplockLevel.None, CreateDisposition.FileCreate));
        var granted = await DurableSteps.RequestResiliencyAsync(context, client, open, DurableSteps.NetworkResiliency(60_000));
        if (!granted.IsSuccess)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not grant resiliency at 2.1 ({NtStatus.Describe(granted.Status)}): the step before the behaviour under test");
        }
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 3, 6), NtStatus.Success, "3.3.5.14.2", null, "2.1: the resilient open's LOCK with LockSequenceIndex 3, LockSequenceNumber 6");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 3, 6), NtStatus.Success, "3.3.5.14", "3.3.5.14#11, 3.3.5.14#N02", "2.1: the same LOCK sent again (recorded: answered with success)");
        await CheckLockedOnceAsync(context, client, open, 0);
    }

    /// <summary>A LOCK of bytes 0-9 of <paramref name="open"/> with <paramref name="flags"/> and the lock sequence (<paramref name="index"/>, <paramref name="number"/>).</summary>
    private static LockRequest Sequenced(Open open, LockFlags flags, uint index, byte number)
    {
        var request = Lock(open, flags);
        request.LockSequenceIndex = index;
        request.LockSequenceNumber = number;
        return request;
    }

    /// <summary>A 3.x client and a durable (DH2Q, batch oplock) new scratch file; Inconclusive when the target grants no durability.</summary>
    private static async Task<(Smb2Client Client, Open Open)> DurableFileAsync(ScenarioContext context, string name)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        return (client, await DurableSteps.DurableOpenAsync(context, client, DurableSteps.V2(context.ScratchPath($"lock-seq-{name}"), Guid.NewGuid())));
    }

    private static async Task<Smb2Client> LogOnAt21Async(ScenarioContext context)
    {
        if (!context.Capabilities.Dialects.Contains(Dialect.Smb210))
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not negotiate 2.1");
        }
        return await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, Dialect.Smb210));
    }

    /// <summary>Sends <paramref name="request"/> on the client's connection (ChannelSequence 0) and checks its status.</summary>
    private static async Task ExpectAsync(ScenarioContext context, Smb2Client client, LockRequest request, uint expected, string clause, string? requirement, string subject, bool replay = false)
    {
        var response = await SendAsync(context, client, request, 0, replay);
        context.CheckStatus(clause, requirement, subject, expected, response.Status);
    }

    /// <summary>A durable open's LOCK with LockSequenceIndex <paramref name="index"/> succeeds, and sent again is processed (the range is locked by the open already).</summary>
    private static async Task NotCheckedAsync(ScenarioContext context, uint index, string requirements)
    {
        var (client, open) = await DurableFileAsync(context, $"index-{index}");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, index, 1), NtStatus.Success, "3.3.5.14.2", null, $"the LOCK with LockSequenceIndex {index}, LockSequenceNumber 1");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, index, 1), NtStatus.LockNotGranted, "3.3.5.14", requirements,
            $"the same LOCK resent as a replay (LockSequenceIndex {index}: no check, processed)", replay: true);
    }

    /// <summary>A durable open's lock of bytes 0-9 (LockSequence 0), its unlock with (<paramref name="index"/>, 2), and that unlock resent as a replay, answered <paramref name="expected"/>.</summary>
    private static async Task UnlockSentTwiceAsync(ScenarioContext context, uint index, uint expected, string requirements, string why)
    {
        var (client, open) = await DurableFileAsync(context, $"unlock-{index}");
        await ExpectAsync(context, client, Sequenced(open, Exclusive, 0, 0), NtStatus.Success, "3.3.5.14.2", null, "the LOCK of bytes 0-9 (LockSequence 0)");
        await ExpectAsync(context, client, Sequenced(open, LockFlags.Unlock, index, 2), NtStatus.Success, "3.3.5.14.1", null, $"the unlock with LockSequenceIndex {index}, LockSequenceNumber 2");
        await ExpectAsync(context, client, Sequenced(open, LockFlags.Unlock, index, 2), expected, "3.3.5.14.1", requirements, $"the same unlock resent as a replay ({why})", replay: true);
    }

    /// <summary>Bytes 0-9 were locked once: an unlock (no lock sequence) succeeds, a second one fails with STATUS_RANGE_NOT_LOCKED.</summary>
    private static async Task CheckLockedOnceAsync(ScenarioContext context, Smb2Client client, Open open, ushort channelSequence, Connection? on = null)
    {
        var unlocked = await SendAsync(context, client, Lock(open, LockFlags.Unlock), channelSequence, replay: false, on);
        context.CheckStatus("3.3.5.14.1", null, "an unlock of bytes 0-9 (LockSequence 0)", NtStatus.Success, unlocked.Status);
        var again = await SendAsync(context, client, Lock(open, LockFlags.Unlock), channelSequence, replay: false, on);
        context.CheckStatus("3.3.5.14", "3.3.5.14#11", "a second unlock of bytes 0-9 (the range was locked once, not twice)", NtStatus.RangeNotLocked, again.Status);
    }
}
