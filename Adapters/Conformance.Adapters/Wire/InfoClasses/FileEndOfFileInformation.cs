namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_END_OF_FILE_INFORMATION (MS-FSCC 2.4 FileEndOfFileInformation): EndOfFile.</summary>
public sealed class FileEndOfFileInformation : IInfoClass<FileEndOfFileInformation>
{
    private const string Name = "FILE_END_OF_FILE_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileEndOfFileInformation";
    public const int FixedLength = 8;

    public long EndOfFile { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)EndOfFile);
    }

    public static DecodeResult<FileEndOfFileInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileEndOfFileInformation
        {
            EndOfFile = (long)span.U64(0),
        };
    }

    public override string ToString() => "FileEndOfFileInformation";
}
