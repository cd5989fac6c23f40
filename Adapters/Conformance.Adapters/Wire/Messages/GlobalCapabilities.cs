namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2_GLOBAL_CAP_* of NEGOTIATE (2.2.3, 2.2.4) and SESSION_SETUP Request (2.2.5); NOTIFICATIONS from the current MS-SMB2 2.2.4.</summary>
[Flags]
public enum GlobalCapabilities : uint
{
    None = 0,
    Dfs = 0x00000001,
    Leasing = 0x00000002,
    LargeMtu = 0x00000004,
    MultiChannel = 0x00000008,
    PersistentHandles = 0x00000010,
    DirectoryLeasing = 0x00000020,
    Encryption = 0x00000040,
    Notifications = 0x00000080,
}
