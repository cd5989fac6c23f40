namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_DIRECTORY_INFORMATION (MS-FSCC 2.4 FileDirectoryInformation): the shared fields, then FileName.</summary>
public sealed class FileDirectoryInformation : DirectoryInformationEntry, IChainedEntry<FileDirectoryInformation>
{
    private const string Name = "FILE_DIRECTORY_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.4 FileDirectoryInformation";

    protected override int FileNameOffset => CommonLength;

    public static string StructureName => Name;
    public static string Clause => ClauseName;

    protected override void WriteClassFields(Span<byte> destination)
    {

    }

    public static DecodeResult<FileDirectoryInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var result = new FileDirectoryInformation();
        var error = ReadCommon(span, result, Name, ClauseName);
        if (error is not null)
        {
            return error;
        }

        return result;
    }
}
