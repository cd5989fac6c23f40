namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_MODE_INFORMATION (MS-FSCC 2.4 FileModeInformation): Mode (FILE_WRITE_THROUGH, FILE_SEQUENTIAL_ONLY, ... create options).</summary>
public sealed class FileModeInformation : IInfoClass<FileModeInformation>
{
    private const string Name = "FILE_MODE_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileModeInformation";
    public const int FixedLength = 4;

    public uint Mode { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, Mode);
    }

    public static DecodeResult<FileModeInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileModeInformation
        {
            Mode = span.U32(0),
        };
    }

    public override string ToString() => "FileModeInformation";
}
