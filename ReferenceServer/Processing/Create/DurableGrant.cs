namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>The durability an open was given: by a DHnQ (<see cref="Version"/> 1) or a DH2Q (2) with its Timeout; what the response context says.</summary>
internal sealed record DurableGrant(int Version, TimeSpan Timeout, bool Persistent);
