namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// What acknowledging a break leaves (MS-FSA 2.1.5.18): the level the holder keeps, and any further
/// break the acknowledgment starts (a level lowered while the first break was under way).
/// </summary>
public sealed record AcknowledgmentResult(OplockLevelGrant Level, IReadOnlyList<OplockBreakIndication> FurtherBreaks);
