namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the WRITE Request (2.2.21).</summary>
[Flags]
public enum WriteFlags : uint
{
    None = 0,
    WriteThrough = 0x00000001,
    /// <summary>3.0.2 only.</summary>
    WriteUnbuffered = 0x00000002,
}
