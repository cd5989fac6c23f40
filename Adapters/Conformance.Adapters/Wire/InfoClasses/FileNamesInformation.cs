namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_NAMES_INFORMATION (MS-FSCC 2.4 FileNamesInformation): NextEntryOffset, FileIndex, FileNameLength, FileName.</summary>
public sealed class FileNamesInformation : IChainedEntry<FileNamesInformation>
{
    private const string Name = "FILE_NAMES_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.4 FileNamesInformation";
    private const int FixedLength = 12;

    public uint? NextEntryOffset { get; set; }
    public ReadOnlyMemory<byte>? Padding { get; set; }
    public uint FileIndex { get; set; }
    public string FileName { get; set; } = "";

    /// <summary>Null: the name's byte count.</summary>
    public uint? FileNameLength { get; set; }

    public int Size => FixedLength + FileName.Length * 2;

    public static string StructureName => Name;
    public static string Clause => ClauseName;
    public static int Alignment => 8;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(4, FileIndex);
        destination.U32(8, FileNameLength ?? (uint)(FileName.Length * 2));
        destination.Utf16(FixedLength, FileName);
    }

    public static DecodeResult<FileNamesInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var error = InfoChecks.FixedPart(span, Name, ClauseName, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var nameLength = span.U32(8);
        error = InfoChecks.Name(span, Name, ClauseName, "FileNameLength", FixedLength, nameLength, 8);
        if (error is not null)
        {
            return error;
        }
        return new FileNamesInformation { FileIndex = span.U32(4), FileName = span.Utf16(FixedLength, (int)nameLength) };
    }

    public override string ToString() => $"FileNamesInformation {FileName}";
}
