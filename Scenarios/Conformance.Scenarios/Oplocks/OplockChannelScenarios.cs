using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.OplockSteps;

namespace Conformance.Scenarios.Oplocks;

/// <summary>
/// The oplock break of an open whose connection is gone while its session keeps another channel
/// (3.3.4.6: "select an alternate connection in Session.ChannelList"): it reaches the client there,
/// and the acknowledgment on that channel ends it.
/// </summary>
public static class OplockChannelScenarios
{
    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", Requirements = ["3.3.4.6#05"],
        Title = "3.x: the break of an open whose connection is gone goes to another channel of its session")]
    public static async Task BreakReachesAnotherChannel(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, dialect);
        var path = context.ScratchPath("channels");
        var held = await HolderAsync(context, first, path, OplockLevel.Batch);
        // The first channel goes as a network failure would take it: a TCP reset, no LOGOFF (3.3.7.1 keeps the session on the other).
        await first.Connection.AbortAsync();
        var other = await context.LogOnAsync();
        var conflicting = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None));
        var notification = await ExpectBreakAsync(context, first, held, "3.3.4.6", "3.3.4.6#05", "the holder's session, whose first channel is gone");
        context.CheckTrue("3.3.7.1", null, "the session's second channel after the first was lost", second.IsOpen, "still open (3.3.7.1 removes only the lost channel)", "closed by the server");
        context.CheckTrue("3.3.4.6", "3.3.4.6#05", "the connection the break came on", notification.Connection == second,
            "the session's remaining channel", notification.Connection.ToString());
        var acknowledged = await second.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", null, "the acknowledgment on the remaining channel", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.4.6", null, "the conflicting open, once the break was acknowledged", NtStatus.Success, (await CompletionOfAsync(context, conflicting)).Status);
    }
}
