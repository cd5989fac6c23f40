using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Storage;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing;

/// <summary>The MS-FSCC 2.4 file information structures of a store entry.</summary>
internal static class FileInformation
{
    /// <summary>MS-FSCC 2.6: FILE_ATTRIBUTE_DIRECTORY for a directory; FILE_ATTRIBUTE_NORMAL for a file with no other attribute.</summary>
    public static FileAttributes Attributes(FileEntry entry)
    {
        var attributes = (FileAttributes)(uint)(entry.Attributes & ~FileAttribute.Normal);
        if (entry.IsDirectory)
        {
            attributes |= FileAttributes.Directory;
        }
        return attributes == FileAttributes.None ? FileAttributes.Normal : attributes;
    }

    public static FileBasicInformation Basic(FileEntry entry) => new()
    {
        CreationTime = entry.CreationTime,
        LastAccessTime = entry.LastAccessTime,
        LastWriteTime = entry.LastWriteTime,
        ChangeTime = entry.ChangeTime,
        FileAttributes = (uint)Attributes(entry),
    };

    public static FileStandardInformation Standard(FileEntry entry, bool deletePending) => new()
    {
        AllocationSize = entry.AllocationSize,
        EndOfFile = entry.EndOfFile,
        NumberOfLinks = 1,
        DeletePending = deletePending,
        Directory = entry.IsDirectory,
    };

    public static FileNetworkOpenInformation NetworkOpen(FileEntry entry) => new()
    {
        CreationTime = entry.CreationTime,
        LastAccessTime = entry.LastAccessTime,
        LastWriteTime = entry.LastWriteTime,
        ChangeTime = entry.ChangeTime,
        AllocationSize = entry.AllocationSize,
        EndOfFile = entry.EndOfFile,
        FileAttributes = (uint)Attributes(entry),
    };

    /// <summary>FileAllInformation (MS-FSCC 2.4.2); the name is the path from the share root with a leading backslash.</summary>
    public static FileAllInformation All(FileEntry entry, bool deletePending, uint accessFlags, string path) => new()
    {
        BasicInformation = Basic(entry),
        StandardInformation = Standard(entry, deletePending),
        InternalInformation = new FileInternalInformation { IndexNumber = (long)entry.FileIndex },
        EaInformation = new FileEaInformation(),
        AccessInformation = new FileAccessInformation { AccessFlags = accessFlags },
        PositionInformation = new FilePositionInformation(),
        ModeInformation = new FileModeInformation(),
        AlignmentInformation = new FileAlignmentInformation(),
        NameInformation = new FileNameInformation { FileName = "\\" + path },
    };

    public static T Directory<T>(T information, string name, FileEntry entry) where T : DirectoryInformationEntry
    {
        information.FileName = name;
        information.CreationTime = entry.CreationTime;
        information.LastAccessTime = entry.LastAccessTime;
        information.LastWriteTime = entry.LastWriteTime;
        information.ChangeTime = entry.ChangeTime;
        information.EndOfFile = entry.EndOfFile;
        information.AllocationSize = entry.AllocationSize;
        information.FileAttributes = (uint)Attributes(entry);
        return information;
    }
}
