namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// A file or directory of a share with the metadata the SMB2 info classes report (MS-FSCC 2.4).
/// Times are FILETIME values: 100 ns intervals since 1601-01-01 UTC.
/// </summary>
/// <param name="Name">The entry's own name as stored (case preserved); "" for the share root.</param>
/// <param name="EndOfFile">The size in bytes; 0 for a directory.</param>
/// <param name="AllocationSize">Bytes allocated, a multiple of the cluster size, never less than EndOfFile.</param>
/// <param name="FileIndex">Stable for the life of the entry, across renames (FileInternalInformation, QFid).</param>
public sealed record FileEntry(
    string Name,
    bool IsDirectory,
    long EndOfFile,
    long AllocationSize,
    long CreationTime,
    long LastAccessTime,
    long LastWriteTime,
    long ChangeTime,
    FileAttribute Attributes,
    ulong FileIndex);
