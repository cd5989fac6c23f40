namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// The fields the directory information classes of MS-FSCC 2.4 share, at the same offsets:
/// NextEntryOffset, FileIndex, the four times, EndOfFile, AllocationSize, FileAttributes and
/// FileNameLength (bytes 0 to 63); each class adds its fields after them, then FileName.
/// Entries are chained by NextEntryOffset and 8-byte aligned (<see cref="ChainedEntries"/>).
/// </summary>
public abstract class DirectoryInformationEntry : IChainedEntry
{
    protected const int CommonLength = 64;

    public uint? NextEntryOffset { get; set; }
    public ReadOnlyMemory<byte>? Padding { get; set; }

    public uint FileIndex { get; set; }
    public long CreationTime { get; set; }
    public long LastAccessTime { get; set; }
    public long LastWriteTime { get; set; }
    public long ChangeTime { get; set; }
    public long EndOfFile { get; set; }
    public long AllocationSize { get; set; }
    public uint FileAttributes { get; set; }
    public string FileName { get; set; } = "";

    /// <summary>Null: the name's byte count.</summary>
    public uint? FileNameLength { get; set; }

    /// <summary>Where FileName starts: the class's fixed length.</summary>
    protected abstract int FileNameOffset { get; }

    public int Size => FileNameOffset + FileName.Length * 2;

    public static int Alignment => 8;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(4, FileIndex);
        destination.U64(8, (ulong)CreationTime);
        destination.U64(16, (ulong)LastAccessTime);
        destination.U64(24, (ulong)LastWriteTime);
        destination.U64(32, (ulong)ChangeTime);
        destination.U64(40, (ulong)EndOfFile);
        destination.U64(48, (ulong)AllocationSize);
        destination.U32(56, FileAttributes);
        destination.U32(60, FileNameLength ?? (uint)(FileName.Length * 2));
        WriteClassFields(destination[..FileNameOffset]);
        destination.Utf16(FileNameOffset, FileName);
    }

    /// <summary>Writes the class's own fields, between byte 64 and <see cref="FileNameOffset"/>.</summary>
    protected abstract void WriteClassFields(Span<byte> destination);

    /// <summary>Validates the fixed part and FileName of <paramref name="entry"/>, then reads the shared fields into <paramref name="into"/>.</summary>
    protected static DecodeError? ReadCommon(ReadOnlySpan<byte> entry, DirectoryInformationEntry into, string structureName, string clause)
    {
        var error = InfoChecks.FixedPart(entry, structureName, clause, into.FileNameOffset);
        if (error is not null)
        {
            return error;
        }
        var nameLength = entry.U32(60);
        error = InfoChecks.Name(entry, structureName, clause, "FileNameLength", into.FileNameOffset, nameLength, 60);
        if (error is not null)
        {
            return error;
        }
        into.FileIndex = entry.U32(4);
        into.CreationTime = (long)entry.U64(8);
        into.LastAccessTime = (long)entry.U64(16);
        into.LastWriteTime = (long)entry.U64(24);
        into.ChangeTime = (long)entry.U64(32);
        into.EndOfFile = (long)entry.U64(40);
        into.AllocationSize = (long)entry.U64(48);
        into.FileAttributes = entry.U32(56);
        into.FileName = entry.Utf16(into.FileNameOffset, (int)nameLength);
        return null;
    }

    public override string ToString() => $"{GetType().Name} {FileName}";
}
