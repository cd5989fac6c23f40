namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>The kinds of oplock an open may hold (MS-FSA 2.1.5.17 Type).</summary>
public enum OplockType
{
    None,

    /// <summary>LEVEL_TWO: shared read caching (SMB2_OPLOCK_LEVEL_II).</summary>
    LevelTwo,

    /// <summary>LEVEL_ONE: exclusive (SMB2_OPLOCK_LEVEL_EXCLUSIVE).</summary>
    LevelOne,

    /// <summary>LEVEL_BATCH: exclusive with handle caching (SMB2_OPLOCK_LEVEL_BATCH).</summary>
    Batch,

    /// <summary>LEVEL_GRANULAR: the caching level of a lease (SMB2_OPLOCK_LEVEL_LEASE).</summary>
    Granular,
}
