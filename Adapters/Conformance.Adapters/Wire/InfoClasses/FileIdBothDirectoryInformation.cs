namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_ID_BOTH_DIR_INFORMATION (MS-FSCC 2.4 FileIdBothDirectoryInformation): the fields of FILE_BOTH_DIR_INFORMATION, Reserved2 and FileId, then FileName.</summary>
public sealed class FileIdBothDirectoryInformation : DirectoryInformationEntry, IChainedEntry<FileIdBothDirectoryInformation>
{
    private const string Name = "FILE_ID_BOTH_DIR_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.4 FileIdBothDirectoryInformation";

    public uint EaSize { get; set; }
    public byte Reserved1 { get; set; }

    /// <summary>The 8.3 name; at most 12 characters fill the 24-byte field, the rest is zero.</summary>
    public string ShortName { get; set; } = "";

    /// <summary>Null: the short name's byte count.</summary>
    public byte? ShortNameLength { get; set; }

    public ushort Reserved2 { get; set; }
    public long FileId { get; set; }

    protected override int FileNameOffset => CommonLength + 40;

    public static string StructureName => Name;
    public static string Clause => ClauseName;

    protected override void WriteClassFields(Span<byte> destination)
    {
        destination.U32(64, EaSize);
        destination.U8(68, ShortNameLength ?? (byte)(ShortName.Length * 2));
        destination.U8(69, Reserved1);
        destination.Slice(70, FileBothDirectoryInformation.ShortNameFieldLength).Clear();
        System.Text.Encoding.Unicode.GetBytes(ShortName.AsSpan(0, Math.Min(ShortName.Length, FileBothDirectoryInformation.ShortNameFieldLength / 2)), destination.Slice(70, FileBothDirectoryInformation.ShortNameFieldLength));
        destination.U16(94, Reserved2);
        destination.U64(96, (ulong)FileId);
    }

    public static DecodeResult<FileIdBothDirectoryInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var result = new FileIdBothDirectoryInformation();
        var error = ReadCommon(span, result, Name, ClauseName);
        if (error is not null)
        {
            return error;
        }
        var shortNameLength = span.U8(68);
        if (shortNameLength > FileBothDirectoryInformation.ShortNameFieldLength || shortNameLength % 2 != 0)
        {
            return new DecodeError(Name, "ShortNameLength", ClauseName, $"{shortNameLength} is odd or longer than the {FileBothDirectoryInformation.ShortNameFieldLength}-byte ShortName field", 68);
        }
        result.EaSize = span.U32(64);
        result.Reserved1 = span.U8(69);
        result.ShortName = span.Utf16(70, shortNameLength);
        result.Reserved2 = span.U16(94);
        result.FileId = (long)span.U64(96);
        return result;
    }
}
