namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// One oplock granted on a file: the open that holds it, its level and, while a break is under way,
/// the level it breaks to and the completion that operations waiting on the break await. Guarded by
/// the file's gate.
/// </summary>
internal sealed class OplockHolder(LocalOpen open, OplockLevelGrant level)
{
    public LocalOpen Open { get; set; } = open;
    public OplockLevelGrant Level { get; set; } = level;

    /// <summary>The level a break awaiting acknowledgment goes to; null when not breaking.</summary>
    public OplockLevelGrant? BreakingTo { get; private set; }

    private TaskCompletionSource? broken;

    /// <summary>Completes when the current break ends (acknowledged, timed out, or the open closed).</summary>
    public Task Broken => broken?.Task ?? Task.CompletedTask;

    public void StartBreak(OplockLevelGrant target)
    {
        BreakingTo = target;
        broken ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A break under way goes lower still (MS-FSA BREAK_TO_TWO_TO_NONE): no new indication, the same wait.</summary>
    public void LowerBreak(OplockLevelGrant target) => BreakingTo = target;

    public void EndBreak()
    {
        BreakingTo = null;
        broken?.TrySetResult();
        broken = null;
    }

    public override string ToString() => BreakingTo is { } to ? $"{Level} breaking to {to} on {Open}" : $"{Level} on {Open}";
}
