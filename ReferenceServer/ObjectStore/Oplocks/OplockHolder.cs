namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// One oplock granted on a file: the open that holds it (for a granular one, the current open of its
/// oplock key: all opens of one lease share it), its level and, while a break is under way, the level
/// it breaks to and the completion that operations waiting on the break await. Guarded by the file's gate.
/// </summary>
internal sealed class OplockHolder(LocalOpen open, OplockLevelGrant level)
{
    private TaskCompletionSource? broken;

    public LocalOpen Open { get; set; } = open;
    public OplockLevelGrant Level { get; set; } = level;

    /// <summary>The level a break awaiting acknowledgment goes to; null when not breaking.</summary>
    public OplockLevelGrant? BreakingTo { get; private set; }

    /// <summary>
    /// A lower level a later operation asked for while the break was under way (MS-FSA
    /// BREAK_TO_TWO_TO_NONE, or a further granular break): the holder ends there once it acknowledges.
    /// </summary>
    public OplockLevelGrant? LoweredTo { get; set; }

    /// <summary>Completes when the current break ends (acknowledged, timed out, or the open closed).</summary>
    public Task Broken => broken?.Task ?? Task.CompletedTask;

    public bool IsGranular => Level.Type == OplockType.Granular;

    public void StartBreak(OplockLevelGrant target)
    {
        BreakingTo = target;
        LoweredTo = null;
        broken ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void EndBreak()
    {
        BreakingTo = null;
        LoweredTo = null;
        broken?.TrySetResult();
        broken = null;
    }

    public override string ToString() => BreakingTo is { } to ? $"{Level} breaking to {to} on {Open}" : $"{Level} on {Open}";
}
