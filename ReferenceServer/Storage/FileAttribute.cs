namespace Conformance.ReferenceServer.Storage;

/// <summary>FILE_ATTRIBUTE_* values of MS-FSCC 2.6 that the stores keep.</summary>
[Flags]
public enum FileAttribute : uint
{
    None = 0,
    ReadOnly = 0x00000001,
    Hidden = 0x00000002,
    System = 0x00000004,
    Directory = 0x00000010,
    Archive = 0x00000020,

    /// <summary>Reported for a file only when no other attribute is set; never stored.</summary>
    Normal = 0x00000080,
    Temporary = 0x00000100,
    Offline = 0x00001000,
    NotContentIndexed = 0x00002000,
}
