namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_EA_INFORMATION (MS-FSCC 2.4 FileEaInformation): EaSize.</summary>
public sealed class FileEaInformation : IInfoClass<FileEaInformation>
{
    private const string Name = "FILE_EA_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileEaInformation";
    public const int FixedLength = 4;

    public uint EaSize { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, EaSize);
    }

    public static DecodeResult<FileEaInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileEaInformation
        {
            EaSize = span.U32(0),
        };
    }

    public override string ToString() => "FileEaInformation";
}
