using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// The loss of one channel of a multichannel session (3.3.7.1): the session, its tree connects and its
/// opens go on on the channels left (an open's connection moves to one of them); the lost channel's
/// pending requests are cancelled.
/// </summary>
public static class ChannelLossScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.7.1", Requirements = ["3.3.7.1#01", "3.3.7.1#02"],
        Title = "The session's first channel is lost: the session goes on on the bound channel")]
    public static async Task SessionSurvivesLossOfTheFirstChannel(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        await ChannelSteps.DropAsync(context, session.Channels[0], session.Channels[1], session.Session);
        var created = await session.Channels[1].CreateAsync(session.First.Tree, FileSteps.NewFile(context.ScratchPath("after-first-lost")), context.CancellationToken);
        context.CheckStatus("3.3.7.1", "3.3.7.1#02", "CREATE on the remaining channel in the tree connect made on the lost one", NtStatus.Success, created.Status);
        await session.Channels[1].CloseAsync(created.Open!, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.7.1", Requirements = ["3.3.7.1#02", "3.3.7.1#05"],
        Title = "A bound channel is lost: the session goes on on its first channel")]
    public static async Task SessionSurvivesLossOfABoundChannel(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        await ChannelSteps.DropAsync(context, session.Channels[1], session.Channels[0], session.Session);
        var open = await FileSteps.CreateScratchFileAsync(context, session.First, "after-bound-lost");
        context.CheckStatus("3.3.7.1", "3.3.7.1#05", "CLOSE on the first channel after the bound one was lost", NtStatus.Success,
            (await session.Channels[0].CloseAsync(open, cancellationToken: context.CancellationToken)).Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.7.1", Requirements = ["3.3.7.1#02"],
        Title = "An open made on a channel that is then lost is still the session's: WRITE, READ and CLOSE on the remaining channel, with no reconnect")]
    public static async Task OpenSurvivesLossOfItsChannel(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var open = await FileSteps.CreateScratchFileAsync(context, session.First, "open-survives");
        await ChannelSteps.DropAsync(context, session.Channels[0], session.Channels[1], session.Session);
        var data = "after the loss"u8.ToArray();
        var written = await session.Channels[1].WriteAsync(open, 0, data, context.CancellationToken);
        context.CheckStatus("3.3.7.1", "3.3.7.1#02", "WRITE on the remaining channel to the open made on the lost one", NtStatus.Success, written.Status);
        var read = await session.Channels[1].ReadAsync(open, 0, (uint)data.Length, context.CancellationToken);
        context.CheckStatus("3.3.7.1", "3.3.7.1#02", "READ back on the remaining channel", NtStatus.Success, read.Status);
        context.CheckStatus("3.3.7.1", "3.3.7.1#02", "CLOSE on the remaining channel", NtStatus.Success,
            (await session.Channels[1].CloseAsync(open, cancellationToken: context.CancellationToken)).Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.7.1", Requirements = ["3.3.7.1#02", "3.3.7.1#05"],
        Title = "Of three channels two are lost, one after the other: the session goes on on the last")]
    public static async Task SessionSurvivesWhileOneChannelRemains(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 3);
        var open = await FileSteps.CreateScratchFileAsync(context, session.On(1), "last-channel");
        await ChannelSteps.DropAsync(context, session.Channels[0], session.Channels[2], session.Session);
        await ChannelSteps.DropAsync(context, session.Channels[1], session.Channels[2], session.Session);
        context.CheckStatus("3.3.7.1", "3.3.7.1#02", "CLOSE on the last channel of an open made on a lost one", NtStatus.Success,
            (await session.Channels[2].CloseAsync(open, cancellationToken: context.CancellationToken)).Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.7.1", Requirements = ["3.3.7.1#03"],
        Title = "A blocking LOCK pending on a channel the server drops (a second NEGOTIATE) is cancelled: the range it waited for is never granted to it")]
    public static async Task PendingRequestOfALostChannelIsCancelled(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var path = context.ScratchPath("lost-lock");
        var holder = await OplockSteps.OpenAsync(context, session.On(1), OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileCreate));
        var locked = await session.Channels[1].LockAsync(holder, [new LockElement(0, 10, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.14", null, "the holder's byte-range lock", NtStatus.Success, locked.Status);
        var waiter = await OplockSteps.OpenAsync(context, session.First, OplockSteps.OpenRequest(path, OplockLevel.None));
        var request = RequestSteps.Request(session.First, new LockRequest { FileId = waiter.FileId, Locks = [new LockElement(0, 10, LockFlags.ExclusiveLock)] });
        var pending = (await session.Channels[0].PostAsync([request], context.CancellationToken))[0]!;
        var interim = await pending.WaitForInterimAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        if (interim.Status != NtStatus.Pending)
        {
            throw new ScenarioInconclusiveException($"the conflicting LOCK did not go async (it answered {NtStatus.Describe(interim.Status)}): the step before the behaviour under test");
        }
        await ChannelSteps.ServerDropsAsync(context, session.Channels[0]);
        var unlocked = await session.Channels[1].LockAsync(holder, [new LockElement(0, 10, LockFlags.Unlock)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.14", null, "the holder's unlock", NtStatus.Success, unlocked.Status);
        var again = await session.Channels[1].LockAsync(holder, [new LockElement(0, 10, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.7.1", "3.3.7.1#03", "the holder locking the range again (granted only if the lost channel's pending LOCK was cancelled)", NtStatus.Success, again.Status);
    }
}
