namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_BOTH_DIR_INFORMATION (MS-FSCC 2.4 FileBothDirectoryInformation): the shared fields, EaSize, ShortNameLength, Reserved, the 24-byte ShortName, then FileName.</summary>
public sealed class FileBothDirectoryInformation : DirectoryInformationEntry, IChainedEntry<FileBothDirectoryInformation>
{
    private const string Name = "FILE_BOTH_DIR_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.4 FileBothDirectoryInformation";

    public const int ShortNameFieldLength = 24;

    public uint EaSize { get; set; }
    public byte Reserved { get; set; }

    /// <summary>The 8.3 name; at most 12 characters fill the 24-byte field, the rest is zero.</summary>
    public string ShortName { get; set; } = "";

    /// <summary>Null: the short name's byte count.</summary>
    public byte? ShortNameLength { get; set; }

    protected override int FileNameOffset => CommonLength + 30;

    public static string StructureName => Name;
    public static string Clause => ClauseName;

    protected override void WriteClassFields(Span<byte> destination)
    {
        destination.U32(64, EaSize);
        destination.U8(68, ShortNameLength ?? (byte)(ShortName.Length * 2));
        destination.U8(69, Reserved);
        destination.Slice(70, ShortNameFieldLength).Clear();
        System.Text.Encoding.Unicode.GetBytes(ShortName.AsSpan(0, Math.Min(ShortName.Length, ShortNameFieldLength / 2)), destination.Slice(70, ShortNameFieldLength));
    }

    public static DecodeResult<FileBothDirectoryInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var result = new FileBothDirectoryInformation();
        var error = ReadCommon(span, result, Name, ClauseName);
        if (error is not null)
        {
            return error;
        }
        var shortNameLength = span.U8(68);
        if (shortNameLength > ShortNameFieldLength || shortNameLength % 2 != 0)
        {
            return new DecodeError(Name, "ShortNameLength", ClauseName, $"{shortNameLength} is odd or longer than the {ShortNameFieldLength}-byte ShortName field", 68);
        }
        result.EaSize = span.U32(64);
        result.ShortName = span.Utf16(70, shortNameLength);
        result.Reserved = span.U8(69);
        return result;
    }
}
