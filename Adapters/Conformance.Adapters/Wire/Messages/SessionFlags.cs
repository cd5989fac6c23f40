namespace Conformance.Adapters.Wire.Messages;

/// <summary>SessionFlags of the SESSION_SETUP Response (2.2.6).</summary>
[Flags]
public enum SessionFlags : ushort
{
    None = 0,
    IsGuest = 0x0001,
    IsNull = 0x0002,
    EncryptData = 0x0004,
}
