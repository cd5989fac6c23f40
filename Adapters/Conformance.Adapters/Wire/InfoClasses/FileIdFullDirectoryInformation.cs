namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_ID_FULL_DIR_INFORMATION (MS-FSCC 2.4 FileIdFullDirectoryInformation): the shared fields, EaSize, Reserved, FileId, then FileName.</summary>
public sealed class FileIdFullDirectoryInformation : DirectoryInformationEntry, IChainedEntry<FileIdFullDirectoryInformation>
{
    private const string Name = "FILE_ID_FULL_DIR_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.4 FileIdFullDirectoryInformation";

    public uint EaSize { get; set; }
    public uint Reserved { get; set; }
    public long FileId { get; set; }

    protected override int FileNameOffset => CommonLength + 16;

    public static string StructureName => Name;
    public static string Clause => ClauseName;

    protected override void WriteClassFields(Span<byte> destination)
    {
        destination.U32(64, EaSize);
        destination.U32(68, Reserved);
        destination.U64(72, (ulong)FileId);
    }

    public static DecodeResult<FileIdFullDirectoryInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var result = new FileIdFullDirectoryInformation();
        var error = ReadCommon(span, result, Name, ClauseName);
        if (error is not null)
        {
            return error;
        }
        result.EaSize = span.U32(64);
        result.Reserved = span.U32(68);
        result.FileId = (long)span.U64(72);
        return result;
    }
}
