using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// The end of a multichannel session: LOGOFF (3.3.5.6) on any channel, or its expiry, ends it on every
/// channel, closes the opens made on any of them, and leaves nothing to bind (3.3.5.5 step 4).
/// </summary>
public static class ChannelLogoffScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.6", "3.3.5.5", Requirements = ["3.3.5.5#06"],
        Title = "LOGOFF on a bound channel ends the session on the first channel too, and the session can no longer be bound")]
    public static async Task LogoffOnABoundChannelEndsTheSession(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        await LogoffAsync(context, session.Channels[1], session.Session);
        context.CheckStatus("3.3.5.6", null, "TREE_CONNECT of the session on its first channel after LOGOFF on the bound one", NtStatus.UserSessionDeleted,
            await ChannelSteps.SessionRequestStatusAsync(context, session.Channels[0], session.Session));
        var (_, bind) = await ChannelSteps.BindAsync(context, session.First, new NegotiateOptions { Dialects = [session.First.Connection.Dialect!.Value] });
        context.CheckStatus("3.3.5.5", "3.3.5.5#06", "binding the logged-off session from a new connection", NtStatus.UserSessionDeleted, bind.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.6", Requirements = [],
        Title = "LOGOFF on the first channel ends the session on every bound channel")]
    public static async Task LogoffOnTheFirstChannelEndsTheSession(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 3);
        await LogoffAsync(context, session.Channels[0], session.Session);
        for (var index = 1; index < session.Channels.Count; index++)
        {
            context.CheckStatus("3.3.5.6", null, $"TREE_CONNECT of the session on channel {index + 1} after LOGOFF on the first", NtStatus.UserSessionDeleted,
                await ChannelSteps.SessionRequestStatusAsync(context, session.Channels[index], session.Session));
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.6", Requirements = [],
        Title = "LOGOFF on the first channel closes the opens made on a bound channel: another client then opens the file without a sharing conflict")]
    public static async Task LogoffClosesTheOpensOfEveryChannel(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var path = context.ScratchPath("logoff-closes");
        var exclusive = OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileCreate);
        exclusive.ShareAccess = ShareAccess.None;
        await OplockSteps.OpenAsync(context, session.On(1), exclusive);
        await LogoffAsync(context, session.Channels[0], session.Session);
        var other = await context.LogOnAsync();
        var reopened = await other.Connection.CreateAsync(other.Tree, OplockSteps.OpenRequest(path, OplockLevel.None), context.CancellationToken);
        context.CheckStatus("3.3.5.6", null, "another client's open of the file the logged-off session held without sharing", NtStatus.Success, reopened.Status);
        await other.Connection.CloseAsync(reopened.Open!, CloseFlags.None, context.CancellationToken);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.2.9", Requirements = ["3.3.5.5#11"], Profile = ServerProfile.ExpiringSessions,
        Title = "A multichannel session expires on every channel: a WRITE on the bound channel fails with STATUS_NETWORK_SESSION_EXPIRED, and a further bind too")]
    public static async Task ExpiryEndsTheSessionOnEveryChannel(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var open = await FileSteps.CreateScratchFileAsync(context, session.First, "expiry-channels");
        await SessionExpirySteps.ExpireAsync(context, session.First, open);
        var written = await session.Channels[1].WriteAsync(open, 0, "late"u8.ToArray(), context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", null, "WRITE on the bound channel of the expired session", NtStatus.NetworkSessionExpired, written.Status);
        var (_, bind) = await ChannelSteps.BindAsync(context, session.First, new NegotiateOptions { Dialects = [session.First.Connection.Dialect!.Value] });
        context.CheckStatus("3.3.5.5", "3.3.5.5#11", "binding a third channel to the expired session", NtStatus.NetworkSessionExpired, bind.Status);
    }

    private static async Task LogoffAsync(ScenarioContext context, Connection connection, Session session)
    {
        var logoff = await connection.LogoffAsync(session, context.CancellationToken);
        context.CheckStatus("3.3.5.6", null, "LOGOFF", NtStatus.Success, logoff.Status);
    }
}
