using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// The channel limit of a session (current MS-SMB2 3.3.5.5; Windows and Samba allow 32): the bind
/// past it fails with STATUS_INSUFFICIENT_RESOURCES, and a lost channel frees its place (3.3.7.1).
/// </summary>
public static class ChannelLimitScenarios
{
    /// <summary>Binds tried before the scenario gives up looking for a limit.</summary>
    private const int MostChannels = 40;

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#N07"], RunsAlone = true,
        Title = "The bind past the server's channel limit fails with STATUS_INSUFFICIENT_RESOURCES")]
    public static async Task ChannelLimitIsEnforced(ScenarioContext context)
    {
        var (_, refused, count) = await FillAsync(context);
        context.CheckStatus("3.3.5.5", "3.3.5.5#N07", $"the bind of channel {count + 1}, past the limit", NtStatus.InsufficientResources, refused);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.7.1", Requirements = ["3.3.5.5#N07", "3.3.7.1#05"], RunsAlone = true,
        Title = "A session at its channel limit loses a channel: the next bind takes its place")]
    public static async Task LostChannelFreesItsPlace(ScenarioContext context)
    {
        var (session, refused, count) = await FillAsync(context);
        context.CheckStatus("3.3.5.5", "3.3.5.5#N07", $"the bind of channel {count + 1}, past the limit", NtStatus.InsufficientResources, refused);
        await ChannelSteps.ServerDropsAsync(context, session.Channels[^1]);
        var (_, bind) = await ChannelSteps.BindAsync(context, session.First, new NegotiateOptions { Dialects = [session.First.Connection.Dialect!.Value] });
        context.CheckStatus("3.3.7.1", "3.3.7.1#05", "a bind after one of the channels at the limit was lost", NtStatus.Success, bind.Status);
    }

    /// <summary>Binds channels until one is refused; Inconclusive when <see cref="MostChannels"/> bind without a limit.</summary>
    private static async Task<(MultiChannelSession Session, uint Refused, int Count)> FillAsync(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        var channels = new List<Connection> { first.Connection };
        while (channels.Count < MostChannels)
        {
            var (connection, bind) = await ChannelSteps.BindAsync(context, first, new NegotiateOptions { Dialects = [dialect] });
            if (bind.Status != NtStatus.Success)
            {
                context.Observe($"{channels.Count} channels bound; the next bind got {NtStatus.Describe(bind.Status)}");
                return (new MultiChannelSession(first, channels), bind.Status, channels.Count);
            }
            channels.Add(connection);
        }
        throw new ScenarioInconclusiveException($"{context.Target.Name} bound {MostChannels} channels to one session without reaching a limit");
    }
}
