namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>The outcome of a break check: the breaks to indicate to the server, and what the operation must wait for first.</summary>
public sealed record BreakCheck(IReadOnlyList<OplockBreakIndication> Indications, Task MustWaitFor)
{
    public static BreakCheck Nothing { get; } = new([], Task.CompletedTask);

    /// <summary>True when the operation may go on now.</summary>
    public bool CanProceed => MustWaitFor.IsCompleted;
}
