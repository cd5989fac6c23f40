namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_INTERNAL_INFORMATION (MS-FSCC 2.4 FileInternalInformation): the 8-byte IndexNumber (file id).</summary>
public sealed class FileInternalInformation : IInfoClass<FileInternalInformation>
{
    private const string Name = "FILE_INTERNAL_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileInternalInformation";
    public const int FixedLength = 8;

    public long IndexNumber { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)IndexNumber);
    }

    public static DecodeResult<FileInternalInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileInternalInformation
        {
            IndexNumber = (long)span.U64(0),
        };
    }

    public override string ToString() => "FileInternalInformation";
}
