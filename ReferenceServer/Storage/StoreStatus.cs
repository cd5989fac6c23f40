namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// Outcome of a share store operation. Expected failures are values, not exceptions; each one maps to a
/// single NTSTATUS that the SMB2 handlers return (named in the comment of each member).
/// </summary>
public enum StoreStatus
{
    Success,

    /// <summary>The last component of the path does not exist (STATUS_OBJECT_NAME_NOT_FOUND).</summary>
    ObjectNameNotFound,

    /// <summary>A directory component before the last one does not exist (STATUS_OBJECT_PATH_NOT_FOUND).</summary>
    ObjectPathNotFound,

    /// <summary>A component before the last one is a file, or a directory operation addressed a file (STATUS_NOT_A_DIRECTORY).</summary>
    NotADirectory,

    /// <summary>A data operation (read, write, end of file, delete file) addressed a directory (STATUS_FILE_IS_A_DIRECTORY).</summary>
    FileIsADirectory,

    /// <summary>The name to create, or the rename target without replace, already exists (STATUS_OBJECT_NAME_COLLISION).</summary>
    ObjectNameCollision,

    /// <summary>The directory to delete still has entries (STATUS_DIRECTORY_NOT_EMPTY).</summary>
    DirectoryNotEmpty,

    /// <summary>The path breaks the naming rules of MS-FSCC 2.1.5 (STATUS_OBJECT_NAME_INVALID).</summary>
    ObjectNameInvalid,

    /// <summary>
    /// The store refuses the entry: a symbolic link (never followed, so nothing outside the share root is
    /// reachable), a special file, the share root as a rename source or delete target, or a rename that
    /// would replace a directory (STATUS_ACCESS_DENIED).
    /// </summary>
    AccessDenied,

    /// <summary>A negative or overflowing offset or size, or moving a directory into its own subtree (STATUS_INVALID_PARAMETER).</summary>
    InvalidParameter,

    /// <summary>The share's capacity is exhausted (STATUS_DISK_FULL).</summary>
    DiskFull,
}
