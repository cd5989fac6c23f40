namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// What the object store tells the server when an oplock breaks (MS-FSA 2.1.5.17.3): whose oplock,
/// the level it breaks to, and whether the server must acknowledge it (2.1.5.18).
/// </summary>
public sealed record OplockBreakIndication(LocalOpen BreakingOplockOpen, OplockLevelGrant NewOplockLevel, bool AcknowledgeRequired);
