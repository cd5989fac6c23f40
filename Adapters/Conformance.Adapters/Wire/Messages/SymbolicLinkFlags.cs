namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the Symbolic Link Error Response (2.2.2.1; current MS-SMB2 2.2.2.2.1).</summary>
public enum SymbolicLinkFlags : uint
{
    /// <summary>The substitute name is an absolute target path name.</summary>
    Absolute = 0x00000000,
    SymlinkFlagRelative = 0x00000001,
}
