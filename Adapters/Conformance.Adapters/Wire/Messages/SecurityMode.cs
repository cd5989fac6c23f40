namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SecurityMode of NEGOTIATE (2.2.3, 2.2.4; 2 bytes) and SESSION_SETUP Request (2.2.5; 1 byte).
/// </summary>
[Flags]
public enum SecurityMode : ushort
{
    None = 0,
    SigningEnabled = 0x0001,
    SigningRequired = 0x0002,
}
