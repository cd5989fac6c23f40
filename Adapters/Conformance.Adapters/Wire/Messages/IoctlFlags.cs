namespace Conformance.Adapters.Wire.Messages;

/// <summary>The Flags field of the IOCTL Request (2.2.31).</summary>
[Flags]
public enum IoctlFlags : uint
{
    /// <summary>An IOCTL request.</summary>
    None = 0,

    /// <summary>SMB2_0_IOCTL_IS_FSCTL: an FSCTL request.</summary>
    IsFsctl = 0x00000001,
}
