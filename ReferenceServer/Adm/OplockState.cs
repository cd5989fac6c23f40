namespace Conformance.ReferenceServer.Adm;

/// <summary>Open.OplockState (MS-SMB2 3.3.1.10).</summary>
public enum OplockState
{
    /// <summary>No oplock, or a lease whose break needs no acknowledgment.</summary>
    None,

    /// <summary>The oplock or lease is held.</summary>
    Held,

    /// <summary>A break was sent and its acknowledgment is awaited (3.3.4.6, 3.3.4.7).</summary>
    Breaking,
}
