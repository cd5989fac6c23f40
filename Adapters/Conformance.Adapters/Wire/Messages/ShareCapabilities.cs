namespace Conformance.Adapters.Wire.Messages;

/// <summary>Capabilities of the TREE_CONNECT Response (2.2.10); REDIRECT_TO_OWNER from the current MS-SMB2.</summary>
[Flags]
public enum ShareCapabilities : uint
{
    None = 0,
    Dfs = 0x00000008,
    ContinuousAvailability = 0x00000010,
    Scaleout = 0x00000020,
    Cluster = 0x00000040,
    Asymmetric = 0x00000080,
    RedirectToOwner = 0x00000100,
}
