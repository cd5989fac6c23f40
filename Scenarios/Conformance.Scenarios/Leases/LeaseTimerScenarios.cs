using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Leases;

/// <summary>
/// The oplock break acknowledgment timer for leases (3.3.2.1, 3.3.6.1): a lease break nobody
/// acknowledges ends when the timer expires, the lease at NONE, and the operation it held up goes on.
/// On the ShortOplockBreakTimeout profile only: on another target these wait the target's own timer.
/// </summary>
public static class LeaseTimerScenarios
{
    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.6.1", "3.3.2.1", "3.3.4.7",
        Requirements = ["3.3.2.1#03", "3.3.6.1#01", "3.3.6.1#04", "3.3.6.1#05", "3.3.4.7#19", "3.3.4.7#23"], Profile = ServerProfile.ShortOplockBreakTimeout,
        Title = "An unacknowledged lease break times out: the waiting open completes, and the lease is NONE and no longer breaking (a late acknowledgment is STATUS_UNSUCCESSFUL)")]
    public static async Task UnacknowledgedLeaseBreakTimesOut(ScenarioContext context)
    {
        var timer = Timeout(context);
        var (held, second, notification, _) = await BreakingAsync(context);
        var completed = await second.WaitAsync(context.ConnectionOptions.ResponseTimeout + timer, context.CancellationToken);
        context.CheckStatus("3.3.6.1", "3.3.6.1#05", $"the open waiting on a lease break nobody acknowledged, after the {timer} timer", NtStatus.Success, completed.Status);
        var waited = completed.ReceivedAt - notification.ReceivedAt;
        context.CheckTrue("3.3.2.1", "3.3.2.1#03", "time from the lease break to the waiting open's response", waited >= timer * 0.9, $"at least the {timer} acknowledgment timer",
            $"{waited.TotalMilliseconds:0} ms");
        var late = await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        context.CheckStatus("3.3.6.1", "3.3.6.1#05", "an acknowledgment after the timer expired (Lease.Breaking FALSE)", NtStatus.Unsuccessful, late.Status);
        var (_, after) = await LeasedOpenAsync(context, held.Holder, Request(held.Path, Context(2, held.Key, LeaseState.None)));
        context.CheckEqual("3.3.6.1", "3.3.6.1#05", "LeaseState of the timed-out lease, read through a new open with its key asking nothing more", LeaseState.None, after.LeaseState, Name);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.6.1", Requirements = ["3.3.6.1#04", "3.3.6.1#06"], Profile = ServerProfile.ShortOplockBreakTimeout,
        Title = "Two lease breaks nobody acknowledges, one after the other: the timer is restarted for the second and both opens complete")]
    public static async Task TheTimerIsRestartedForTheNextLeaseBreak(ScenarioContext context)
    {
        var timer = Timeout(context);
        var first = await HeldAsync(context, RWH, name: "first");
        var secondPath = context.ScratchPath("second");
        var secondKey = Guid.NewGuid();
        await HolderAsync(context, first.Holder, secondPath, RWH, leaseKey: secondKey, request: Request(secondPath, Context(2, secondKey, RWH), CreateDisposition.FileCreate));
        var waitingOnFirst = await OplockSteps.PostCreateAsync(context, first.Other, OplockSteps.OpenRequest(first.Path, OplockLevel.None));
        await ExpectBreakAsync(context, first.Holder, first.Key, "3.3.4.7", "3.3.4.7#11", "the first file's lease");
        var waitingOnSecond = await OplockSteps.PostCreateAsync(context, first.Other, OplockSteps.OpenRequest(secondPath, OplockLevel.None));
        await ExpectBreakAsync(context, first.Holder, secondKey, "3.3.4.7", "3.3.4.7#11", "the second file's lease");
        var bound = context.ConnectionOptions.ResponseTimeout + timer * 2;
        context.CheckStatus("3.3.6.1", "3.3.6.1#04", "the open waiting on the first lease", NtStatus.Success, (await waitingOnFirst.WaitAsync(bound, context.CancellationToken)).Status);
        context.CheckStatus("3.3.6.1", "3.3.6.1#06", "the open waiting on the second lease (the timer restarted)", NtStatus.Success, (await waitingOnSecond.WaitAsync(bound, context.CancellationToken)).Status);
    }

    private static TimeSpan Timeout(ScenarioContext context) =>
        context.Target.OplockBreakTimeout ?? throw new ScenarioInconclusiveException($"the break acknowledgment timer of {context.Target.Name} is not known");
}
