namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of an SMB2_LOCK_ELEMENT (2.2.26.1).</summary>
[Flags]
public enum LockFlags : uint
{
    None = 0,
    SharedLock = 0x00000001,
    ExclusiveLock = 0x00000002,
    Unlock = 0x00000004,
    FailImmediately = 0x00000010,
}
