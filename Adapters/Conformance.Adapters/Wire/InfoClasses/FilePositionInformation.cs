namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_POSITION_INFORMATION (MS-FSCC 2.4 FilePositionInformation): CurrentByteOffset.</summary>
public sealed class FilePositionInformation : IInfoClass<FilePositionInformation>
{
    private const string Name = "FILE_POSITION_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FilePositionInformation";
    public const int FixedLength = 8;

    public long CurrentByteOffset { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)CurrentByteOffset);
    }

    public static DecodeResult<FilePositionInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FilePositionInformation
        {
            CurrentByteOffset = (long)span.U64(0),
        };
    }

    public override string ToString() => "FilePositionInformation";
}
