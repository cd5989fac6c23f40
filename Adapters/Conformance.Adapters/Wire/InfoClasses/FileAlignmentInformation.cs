namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_ALIGNMENT_INFORMATION (MS-FSCC 2.4 FileAlignmentInformation): AlignmentRequirement.</summary>
public sealed class FileAlignmentInformation : IInfoClass<FileAlignmentInformation>
{
    private const string Name = "FILE_ALIGNMENT_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileAlignmentInformation";
    public const int FixedLength = 4;

    public uint AlignmentRequirement { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, AlignmentRequirement);
    }

    public static DecodeResult<FileAlignmentInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileAlignmentInformation
        {
            AlignmentRequirement = span.U32(0),
        };
    }

    public override string ToString() => "FileAlignmentInformation";
}
