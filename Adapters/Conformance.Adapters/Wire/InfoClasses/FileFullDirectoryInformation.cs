namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_FULL_DIR_INFORMATION (MS-FSCC 2.4 FileFullDirectoryInformation): the shared fields, EaSize, then FileName.</summary>
public sealed class FileFullDirectoryInformation : DirectoryInformationEntry, IChainedEntry<FileFullDirectoryInformation>
{
    private const string Name = "FILE_FULL_DIR_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.4 FileFullDirectoryInformation";

    /// <summary>EA size, or the reparse tag of a reparse point (MS-FSCC).</summary>
    public uint EaSize { get; set; }

    protected override int FileNameOffset => CommonLength + 4;

    public static string StructureName => Name;
    public static string Clause => ClauseName;

    protected override void WriteClassFields(Span<byte> destination)
    {
        destination.U32(64, EaSize);
    }

    public static DecodeResult<FileFullDirectoryInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var result = new FileFullDirectoryInformation();
        var error = ReadCommon(span, result, Name, ClauseName);
        if (error is not null)
        {
            return error;
        }
        result.EaSize = span.U32(64);
        return result;
    }
}
