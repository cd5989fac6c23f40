namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_DISPOSITION_INFORMATION (MS-FSCC 2.4 FileDispositionInformation): DeletePending, one byte.</summary>
public sealed class FileDispositionInformation : IInfoClass<FileDispositionInformation>
{
    private const string Name = "FILE_DISPOSITION_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileDispositionInformation";
    public const int FixedLength = 1;

    public bool DeletePending { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U8(0, DeletePending ? (byte)1 : (byte)0);
    }

    public static DecodeResult<FileDispositionInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileDispositionInformation
        {
            DeletePending = span.U8(0) != 0,
        };
    }

    public override string ToString() => "FileDispositionInformation";
}
