namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// ShareFlags of the TREE_CONNECT Response (2.2.10). The caching values are a two-bit field
/// (<see cref="CachingMask"/>), not independent bits: MANUAL_CACHING is 0.
/// </summary>
[Flags]
public enum ShareFlags : uint
{
    ManualCaching = 0x00000000,
    Dfs = 0x00000001,
    DfsRoot = 0x00000002,
    AutoCaching = 0x00000010,
    VdoCaching = 0x00000020,
    NoCaching = 0x00000030,
    CachingMask = 0x00000030,
    RestrictExclusiveOpens = 0x00000100,
    ForceSharedDelete = 0x00000200,
    AllowNamespaceCaching = 0x00000400,
    AccessBasedDirectoryEnum = 0x00000800,
    ForceLevelIIOplock = 0x00001000,
    EnableHashV1 = 0x00002000,
    EnableHashV2 = 0x00004000,
    EncryptData = 0x00008000,
    IdentityRemoting = 0x00040000,
    CompressData = 0x00100000,
    IsolatedTransport = 0x00200000,
}
