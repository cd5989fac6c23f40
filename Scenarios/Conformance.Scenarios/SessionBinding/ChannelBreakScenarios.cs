using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// Breaks of a multichannel session's opens (3.3.4.6, 3.3.4.7): sent on the connection of the open
/// (the channel it was made on), on another channel of its session once that one is gone, once; the
/// acknowledgment is accepted on any channel.
/// </summary>
public static class ChannelBreakScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.6", Requirements = ["3.3.4.6#04", "3.3.4.6#07"],
        Title = "The oplock break of an open made on a bound channel is sent on that channel")]
    public static async Task OplockBreakOnTheChannelOfTheOpen(ScenarioContext context)
    {
        var (session, held, conflicting) = await BreakingOplockAsync(context, 2, holderChannel: 1);
        var notification = await OplockSteps.ExpectBreakAsync(context, session.First, held, "3.3.4.6", "3.3.4.6#07", "the batch oplock's session, after another client's open");
        context.CheckTrue("3.3.4.6", "3.3.4.6#04", "the channel the break came on", notification.Connection == session.Channels[1], "the bound channel the open was made on", notification.Connection.ToString());
        await session.Channels[1].OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        await OplockSteps.CompletionOfAsync(context, conflicting);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.6", "3.3.7.1", Requirements = ["3.3.4.6#05", "3.3.7.1#05"],
        Title = "The oplock break of an open whose bound channel is gone reaches the session's first channel")]
    public static async Task OplockBreakAfterItsChannelIsLost(ScenarioContext context)
    {
        var (session, held, conflicting) = await BreakingOplockAsync(context, 2, holderChannel: 1, dropHolderChannel: true);
        var notification = await OplockSteps.ExpectBreakAsync(context, session.First, held, "3.3.4.6", "3.3.4.6#05", "the holder's session, whose bound channel is gone");
        context.CheckTrue("3.3.4.6", "3.3.4.6#05", "the channel the break came on", notification.Connection == session.Channels[0], "the session's remaining channel", notification.Connection.ToString());
        var acknowledged = await session.Channels[0].OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", null, "the acknowledgment on the remaining channel", NtStatus.Success, acknowledged.Status);
        await OplockSteps.CompletionOfAsync(context, conflicting);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.6", Requirements = ["3.3.4.6#04", "3.3.4.6#12"],
        Title = "An oplock break sent on the first channel is acknowledged on the bound channel, and the waiting open completes")]
    public static async Task OplockBreakAcknowledgedOnAnotherChannel(ScenarioContext context)
    {
        var (session, held, conflicting) = await BreakingOplockAsync(context, 2, holderChannel: 0);
        var notification = await OplockSteps.ExpectBreakAsync(context, session.First, held, "3.3.4.6", "3.3.4.6#04", "the batch oplock's session");
        context.CheckTrue("3.3.4.6", "3.3.4.6#04", "the channel the break came on", notification.Connection == session.Channels[0], "the first channel, where the open was made", notification.Connection.ToString());
        var acknowledged = await session.Channels[1].OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.4.6", "3.3.4.6#12", "the acknowledgment of the breaking open on the other channel", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.4.6", "3.3.4.6#12", "the waiting open, once the break was acknowledged", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, conflicting)).Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.6", Requirements = ["3.3.4.6#04"],
        Title = "An oplock break goes to one channel only: the other channels of the session get none")]
    public static async Task OplockBreakIsSentOnce(ScenarioContext context)
    {
        var (session, held, conflicting) = await BreakingOplockAsync(context, 3, holderChannel: 0);
        await OplockSteps.ExpectBreakAsync(context, session.First, held, "3.3.4.6", "3.3.4.6#04", "the batch oplock's session");
        await session.Channels[0].OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        await OplockSteps.CompletionOfAsync(context, conflicting);
        foreach (var channel in session.Channels.Skip(1))
        {
            await channel.EchoAsync(session.Session, context.CancellationToken);
        }
        var count = session.First.Client.Breaks.History.Count(notification => notification.Open == held);
        context.CheckEqual("3.3.4.6", "3.3.4.6#04", "OPLOCK_BREAK notifications for the open on the session's three channels", 1, count);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.7", Requirements = ["3.3.4.7#05", "3.3.4.7#11"],
        Title = "The lease break of an open made on a bound channel is sent on that channel")]
    public static async Task LeaseBreakOnTheChannelOfTheOpen(ScenarioContext context)
    {
        var (session, key, conflicting) = await BreakingLeaseAsync(context, 1);
        var (notification, body) = await LeaseSteps.ExpectBreakAsync(context, session.First, key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's session, after another client's open");
        context.CheckTrue("3.3.4.7", "3.3.4.7#05", "the channel the lease break came on", notification.Connection == session.Channels[1], "the bound channel the open was made on", notification.Connection.ToString());
        await session.Channels[1].LeaseBreakAcknowledgmentAsync(session.First.Tree, key, body.NewLeaseState, context.CancellationToken);
        await OplockSteps.CompletionOfAsync(context, conflicting);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.7", "3.3.7.1", Requirements = ["3.3.4.7#06", "3.3.7.1#05"],
        Title = "The lease break of an open whose channel is gone reaches another channel of its session")]
    public static async Task LeaseBreakAfterItsChannelIsLost(ScenarioContext context)
    {
        var (session, key, conflicting) = await BreakingLeaseAsync(context, 1, dropHolderChannel: true);
        var (notification, body) = await LeaseSteps.ExpectBreakAsync(context, session.First, key, "3.3.4.7", "3.3.4.7#06", "the lease's session, whose bound channel is gone");
        context.CheckTrue("3.3.4.7", "3.3.4.7#06", "the channel the lease break came on", notification.Connection == session.Channels[0], "the session's remaining channel", notification.Connection.ToString());
        var acknowledged = await session.Channels[0].LeaseBreakAcknowledgmentAsync(session.First.Tree, key, body.NewLeaseState, context.CancellationToken);
        context.CheckStatus("3.3.5.22.2", null, "the lease break acknowledgment on the remaining channel", NtStatus.Success, acknowledged.Status);
        await OplockSteps.CompletionOfAsync(context, conflicting);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.7", Requirements = ["3.3.4.7#18", "3.3.4.7#19"],
        Title = "A lease break sent on the first channel is acknowledged on the bound channel, and the waiting open completes")]
    public static async Task LeaseBreakAcknowledgedOnAnotherChannel(ScenarioContext context)
    {
        var (session, key, conflicting) = await BreakingLeaseAsync(context, 0);
        var (_, body) = await LeaseSteps.ExpectBreakAsync(context, session.First, key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's session");
        var acknowledged = await session.Channels[1].LeaseBreakAcknowledgmentAsync(session.First.Tree, key, body.NewLeaseState, context.CancellationToken);
        context.CheckStatus("3.3.4.7", "3.3.4.7#19", "the lease break acknowledgment on the other channel", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.4.7", "3.3.4.7#18", "the waiting open, once the lease break was acknowledged", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, conflicting)).Status);
    }

    /// <summary>
    /// A session with <paramref name="channels"/> channels holding a batch oplock on a new file through channel
    /// <paramref name="holderChannel"/> (that channel then dropped if asked), and another client's CREATE of the file waiting on its break.
    /// </summary>
    private static async Task<(MultiChannelSession Session, Open Held, PendingRequest Conflicting)> BreakingOplockAsync(ScenarioContext context, int channels, int holderChannel,
        bool dropHolderChannel = false)
    {
        var session = await ChannelSteps.ChannelsAsync(context, channels);
        var path = context.ScratchPath("oplock-channel");
        var held = await OplockSteps.HolderAsync(context, session.On(holderChannel), path, OplockLevel.Batch);
        return (session, held, await ConflictAsync(context, session, holderChannel, dropHolderChannel, path));
    }

    /// <summary>As <see cref="BreakingOplockAsync"/> with two channels at a leasing 3.x dialect and an RWH lease (version 2) instead of the oplock.</summary>
    private static async Task<(MultiChannelSession Session, Guid Key, PendingRequest Conflicting)> BreakingLeaseAsync(ScenarioContext context, int holderChannel, bool dropHolderChannel = false)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        context.RequireCapability(dialect, GlobalCapabilities.Leasing);
        var session = await ChannelSteps.ChannelsAsync(context, 2, dialect);
        var path = context.ScratchPath("lease-channel");
        var key = Guid.NewGuid();
        await LeaseSteps.HolderAsync(context, session.On(holderChannel), path, LeaseSteps.RWH, 2, key,
            LeaseSteps.Request(path, LeaseSteps.Context(2, key, LeaseSteps.RWH), CreateDisposition.FileCreate));
        return (session, key, await ConflictAsync(context, session, holderChannel, dropHolderChannel, path));
    }

    /// <summary>Drops the holder's channel if asked (the ECHO behind it on channel 0, or 1 when the holder's is 0), then posts another client's CREATE of <paramref name="path"/>.</summary>
    private static async Task<PendingRequest> ConflictAsync(ScenarioContext context, MultiChannelSession session, int holderChannel, bool drop, string path)
    {
        if (drop)
        {
            await ChannelSteps.DropAsync(context, session.Channels[holderChannel], session.Channels[holderChannel == 0 ? 1 : 0], session.Session);
        }
        var other = await context.LogOnAsync();
        return await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None));
    }
}
