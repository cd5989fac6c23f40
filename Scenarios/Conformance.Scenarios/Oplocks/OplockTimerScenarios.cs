using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Scenarios.Steps.OplockSteps;

namespace Conformance.Scenarios.Oplocks;

/// <summary>
/// The oplock break acknowledgment timer (3.3.2.1) and its event (3.3.6.1): a break nobody
/// acknowledges ends when the timer expires, the open keeps no oplock, and the waiting open goes on.
/// They wait the timer out, so they need a target whose timer is short and known
/// (<see cref="ServerProfile.ShortOplockBreakTimeout"/>).
/// </summary>
public static class OplockTimerScenarios
{
    [Scenario(ScenarioFamily.Oplocks, "3.3.6.1", "3.3.4.6", Requirements = ["3.3.6.1#01", "3.3.6.1#02", "3.3.6.1#03", "3.3.4.6#14"], Profile = ServerProfile.ShortOplockBreakTimeout,
        Title = "An unacknowledged break times out: the waiting open completes and the holder keeps no oplock")]
    public static async Task UnacknowledgedBreakTimesOut(ScenarioContext context)
    {
        var (holder, held, other, path) = await OplockBreakScenarios.HeldAsync(context, OplockLevel.Batch);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None));
        await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", "the batch oplock's holder");
        var completed = await CompletionOfAsync(context, second);
        context.CheckStatus("3.3.6.1", "3.3.6.1#02", $"the open waiting on a break nobody acknowledged, after the {Timeout(context)} timer", NtStatus.Success, completed.Status);
        var late = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.6.1", "3.3.6.1#03", "an acknowledgment after the timer expired (Open.OplockState is None)", NtStatus.InvalidDeviceState, late.Status);
        var third = await context.LogOnAsync();
        await OpenAsync(context, third, OpenRequest(path, OplockLevel.None));
        await ExpectNoBreakAsync(context, holder, "3.3.6.1", "3.3.6.1#03", "the timed-out holder after a third open (Open.OplockLevel is NONE)");
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.2.1", Requirements = ["3.3.2.1#01"], Profile = ServerProfile.ShortOplockBreakTimeout,
        Title = "The server waits at least the acknowledgment timer before it gives up on a break")]
    public static async Task TheServerWaitsAtLeastTheTimer(ScenarioContext context)
    {
        var (holder, held, other, path) = await OplockBreakScenarios.HeldAsync(context, OplockLevel.Batch);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None));
        var notification = await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", "the batch oplock's holder");
        var completed = await second.WaitAsync(context.ConnectionOptions.ResponseTimeout + Timeout(context), context.CancellationToken);
        var waited = completed.ReceivedAt - notification.ReceivedAt;
        // The break left the server before the holder saw it; a tenth of the timer absorbs that and clock granularity.
        context.CheckTrue("3.3.2.1", "3.3.2.1#01", "time from the break notification to the waiting open's response", waited >= Timeout(context) * 0.9,
            $"at least the {Timeout(context)} acknowledgment timer", $"{waited.TotalMilliseconds:0} ms");
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.6.1", Requirements = ["3.3.6.1#06"], Profile = ServerProfile.ShortOplockBreakTimeout,
        Title = "Two breaks nobody acknowledges, one after the other: the timer is restarted for the second and both open requests complete")]
    public static async Task TheTimerIsRestartedForTheNextBreak(ScenarioContext context)
    {
        var (holder, first, other, firstPath) = await OplockBreakScenarios.HeldAsync(context, OplockLevel.Batch);
        var secondPath = context.ScratchPath("second-held");
        var secondHeld = await HolderAsync(context, holder, secondPath, OplockLevel.Batch);
        var waitingOnFirst = await PostCreateAsync(context, other, OpenRequest(firstPath, OplockLevel.None));
        await ExpectBreakAsync(context, holder, first, "3.3.4.6", "3.3.4.6#07", "the holder of the first file");
        var third = await context.LogOnAsync();
        var waitingOnSecond = await PostCreateAsync(context, third, OpenRequest(secondPath, OplockLevel.None));
        await ExpectBreakAsync(context, holder, secondHeld, "3.3.4.6", "3.3.4.6#07", "the holder of the second file");
        context.CheckStatus("3.3.6.1", "3.3.6.1#06", "the open waiting on the first break", NtStatus.Success, (await CompletionOfAsync(context, waitingOnFirst)).Status);
        context.CheckStatus("3.3.6.1", "3.3.6.1#06", "the open waiting on the second, later break", NtStatus.Success, (await CompletionOfAsync(context, waitingOnSecond)).Status);
    }

    private static TimeSpan Timeout(ScenarioContext context) =>
        context.Target.OplockBreakTimeout ?? throw new ScenarioInconclusiveException($"the oplock break acknowledgment timer of {context.Target.Name} is not known");
}
