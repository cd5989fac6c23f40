namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// The oplock key of an open with a lease (MS-FSA Open.TargetOplockKey): the client's ClientGuid and
/// the lease key, so two clients that happen to pick the same lease key still break each other.
/// </summary>
public readonly record struct OplockKey(Guid ClientGuid, Guid LeaseKey);
