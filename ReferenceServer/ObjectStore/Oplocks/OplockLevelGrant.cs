namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>An oplock level as the object store grants or breaks it: a type, and for a granular one its caching.</summary>
public readonly record struct OplockLevelGrant(OplockType Type, CachingLevel Caching = CachingLevel.None)
{
    public static OplockLevelGrant None { get; } = new(OplockType.None);
    public static OplockLevelGrant LevelTwo { get; } = new(OplockType.LevelTwo);

    public bool IsNone => Type == OplockType.None || (Type == OplockType.Granular && Caching == CachingLevel.None);

    /// <summary>The level keeps other opens from writing (LEVEL_ONE, BATCH, or a granular level with WRITE_CACHING).</summary>
    public bool IsExclusive => Type is OplockType.LevelOne or OplockType.Batch || (Type == OplockType.Granular && (Caching & CachingLevel.Write) != 0);

    public override string ToString() => Type == OplockType.Granular ? $"{Type}({Caching})" : Type.ToString();
}
