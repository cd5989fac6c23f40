namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>The Action of a FILE_NOTIFY_INFORMATION entry (MS-FSCC 2.7.1).</summary>
public enum FileNotifyAction : uint
{
    Added = 0x00000001,
    Removed = 0x00000002,
    Modified = 0x00000003,
    RenamedOldName = 0x00000004,
    RenamedNewName = 0x00000005,
    AddedStream = 0x00000006,
    RemovedStream = 0x00000007,
    ModifiedStream = 0x00000008,
    RemovedByDelete = 0x00000009,
    IdNotTunnelled = 0x0000000A,
    TunnelledIdCollision = 0x0000000B,
}
