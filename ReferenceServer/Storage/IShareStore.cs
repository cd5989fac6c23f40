namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// The file system of one share, independent of the protocol. Paths are share-relative as SMB2 sends
/// them (see <see cref="SharePath"/>): backslash separators, no leading backslash, "" for the root.
/// Names are case-preserving and case-insensitive. Expected failures come back as a
/// <see cref="StoreStatus"/>; every path is checked by <see cref="SharePath.TryParse"/> first
/// (ObjectNameInvalid). Path resolution fails with ObjectPathNotFound for a missing intermediate
/// directory, NotADirectory for an intermediate file, and ObjectNameNotFound for a missing last
/// component. Implementations are safe for concurrent use.
/// </summary>
public interface IShareStore
{
    /// <summary>The entry and its metadata.</summary>
    Task<StoreResult<FileEntry>> GetEntryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Creates an empty file; ObjectNameCollision if any entry of that name exists.</summary>
    Task<StoreResult<FileEntry>> CreateFileAsync(
        string path, FileAttribute attributes = FileAttribute.None, CancellationToken cancellationToken = default);

    /// <summary>Creates an empty directory; ObjectNameCollision if any entry of that name exists.</summary>
    Task<StoreResult<FileEntry>> CreateDirectoryAsync(
        string path, FileAttribute attributes = FileAttribute.None, CancellationToken cancellationToken = default);

    /// <summary>Reads from <paramref name="offset"/>; the count is short at the end of the file and 0 at or past it.</summary>
    Task<StoreResult<int>> ReadAsync(
        string path, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Writes at <paramref name="offset"/>, extending the file; a gap before the offset reads as zeros.</summary>
    Task<StoreResult<int>> WriteAsync(
        string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Truncates or extends (with zeros) the file to <paramref name="endOfFile"/> bytes.</summary>
    Task<StoreResult> SetEndOfFileAsync(string path, long endOfFile, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the allocation (FileAllocationInformation). Less than the end of file truncates the file to it
    /// (MS-FSA 2.1.5.14.1); more reserves space without changing the end of file.
    /// </summary>
    Task<StoreResult> SetAllocationSizeAsync(
        string path, long allocationSize, CancellationToken cancellationToken = default);

    /// <summary>Sets timestamps and attributes; null members are unchanged.</summary>
    Task<StoreResult> SetBasicInformationAsync(
        string path, FileBasicInformationUpdate update, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries of a directory whose names match <paramref name="expression"/> (MS-FSA 2.1.4.4, see
    /// <see cref="FileNameExpression"/>), ordered by name ignoring case. "." and ".." are not entries:
    /// the QUERY_DIRECTORY handler adds them.
    /// </summary>
    Task<StoreResult<IReadOnlyList<FileEntry>>> ListDirectoryAsync(
        string path, string expression = "*", CancellationToken cancellationToken = default);

    /// <summary>
    /// Renames or moves an entry. ObjectNameCollision if the target exists and
    /// <paramref name="replaceIfExists"/> is false; AccessDenied if the target is a directory (never
    /// replaced) or the source is the root; InvalidParameter if a directory would move into its own
    /// subtree. A target naming the source itself (a change of case) renames it.
    /// </summary>
    Task<StoreResult> RenameAsync(
        string path, string newPath, bool replaceIfExists, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file; FileIsADirectory for a directory.</summary>
    Task<StoreResult> DeleteFileAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Deletes an empty directory; DirectoryNotEmpty if it has entries, NotADirectory for a file.</summary>
    Task<StoreResult> DeleteDirectoryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Size, sectors, serial number and label of the share's volume.</summary>
    Task<VolumeInformation> GetVolumeInformationAsync(CancellationToken cancellationToken = default);
}
