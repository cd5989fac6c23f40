namespace Conformance.Adapters.Wire.Messages;

/// <summary>CreateOptions of the CREATE Request (2.2.13).</summary>
[Flags]
public enum CreateOptions : uint
{
    None = 0,
    FileDirectoryFile = 0x00000001,
    FileWriteThrough = 0x00000002,
    FileSequentialOnly = 0x00000004,
    FileNoIntermediateBuffering = 0x00000008,
    FileSynchronousIoAlert = 0x00000010,
    FileSynchronousIoNonalert = 0x00000020,
    FileNonDirectoryFile = 0x00000040,
    FileCompleteIfOplocked = 0x00000100,
    FileNoEaKnowledge = 0x00000200,
    FileOpenRemoteInstance = 0x00000400,
    FileRandomAccess = 0x00000800,
    FileDeleteOnClose = 0x00001000,
    FileOpenByFileId = 0x00002000,
    FileOpenForBackupIntent = 0x00004000,
    FileNoCompression = 0x00008000,
    FileOpenRequiringOplock = 0x00010000,
    FileDisallowExclusive = 0x00020000,
    FileReserveOpfilter = 0x00100000,
    FileOpenReparsePoint = 0x00200000,
    FileOpenNoRecall = 0x00400000,
    FileOpenForFreeSpaceQuery = 0x00800000,
}
