namespace Conformance.ReferenceServer.Storage;

/// <summary>How attributes are stored and reported, shared by every store so they behave alike.</summary>
public static class FileAttributeRules
{
    /// <summary>Attributes a client can set (MS-FSA 2.1.5.14.2); others in a request are ignored.</summary>
    public const FileAttribute Settable = FileAttribute.ReadOnly | FileAttribute.Hidden | FileAttribute.System
        | FileAttribute.Archive | FileAttribute.Temporary | FileAttribute.Offline | FileAttribute.NotContentIndexed;

    /// <summary>
    /// Checks attributes a client asks to set. MS-FSA 2.1.5.14.2: DIRECTORY on a file, or TEMPORARY on a
    /// directory, is STATUS_INVALID_PARAMETER.
    /// </summary>
    public static StoreStatus CheckRequested(FileAttribute requested, bool isDirectory)
    {
        if (!isDirectory && requested.HasFlag(FileAttribute.Directory))
        {
            return StoreStatus.InvalidParameter;
        }

        if (isDirectory && requested.HasFlag(FileAttribute.Temporary))
        {
            return StoreStatus.InvalidParameter;
        }

        return StoreStatus.Success;
    }

    /// <summary>Attributes stored for a new entry. MS-FSA 2.1.5.1.2.1: a new file gets ARCHIVE.</summary>
    public static FileAttribute ForNewEntry(FileAttribute requested, bool isDirectory) =>
        isDirectory ? requested & Settable & ~FileAttribute.Temporary : (requested & Settable) | FileAttribute.Archive;

    /// <summary>Attributes as reported: DIRECTORY for a directory, NORMAL for a file that has no other attribute.</summary>
    public static FileAttribute Report(FileAttribute stored, bool isDirectory)
    {
        FileAttribute kept = stored & Settable;
        if (isDirectory)
        {
            return kept | FileAttribute.Directory;
        }

        return kept == FileAttribute.None ? FileAttribute.Normal : kept;
    }
}
