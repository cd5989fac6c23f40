namespace Conformance.Adapters.Wire.Messages;

/// <summary>The CompletionFilter of the CHANGE_NOTIFY Request (2.2.35): FILE_NOTIFY_CHANGE_* values.</summary>
[Flags]
public enum CompletionFilter : uint
{
    None = 0,
    FileName = 0x00000001,
    DirName = 0x00000002,
    Attributes = 0x00000004,
    Size = 0x00000008,
    LastWrite = 0x00000010,
    LastAccess = 0x00000020,
    Creation = 0x00000040,
    Ea = 0x00000080,
    Security = 0x00000100,
    StreamName = 0x00000200,
    StreamSize = 0x00000400,
    StreamWrite = 0x00000800,
}
