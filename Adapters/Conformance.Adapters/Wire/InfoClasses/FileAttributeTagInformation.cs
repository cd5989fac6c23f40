namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_ATTRIBUTE_TAG_INFORMATION (MS-FSCC 2.4 FileAttributeTagInformation): FileAttributes, ReparseTag.</summary>
public sealed class FileAttributeTagInformation : IInfoClass<FileAttributeTagInformation>
{
    private const string Name = "FILE_ATTRIBUTE_TAG_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileAttributeTagInformation";
    public const int FixedLength = 8;

    public uint FileAttributes { get; set; }
    public uint ReparseTag { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, FileAttributes);
        destination.U32(4, ReparseTag);
    }

    public static DecodeResult<FileAttributeTagInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileAttributeTagInformation
        {
            FileAttributes = span.U32(0),
            ReparseTag = span.U32(4),
        };
    }

    public override string ToString() => "FileAttributeTagInformation";
}
