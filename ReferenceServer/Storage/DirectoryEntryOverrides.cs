namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// Metadata a Linux file system cannot hold, kept by a <see cref="DirectoryShareStore"/> per inode for
/// the life of the process: DOS attributes other than READONLY (which is the write permission bits),
/// a creation time set by a client, and a change time set by a client, which holds only while the
/// file system's own ctime is still the one observed right after setting it.
/// </summary>
internal sealed record DirectoryEntryOverrides(
    FileAttribute? Attributes = null,
    long? CreationTime = null,
    long? ChangeTime = null,
    long ObservedChangeTime = 0);
