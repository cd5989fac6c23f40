namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_ALLOCATION_INFORMATION (MS-FSCC 2.4 FileAllocationInformation): AllocationSize.</summary>
public sealed class FileAllocationInformation : IInfoClass<FileAllocationInformation>
{
    private const string Name = "FILE_ALLOCATION_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileAllocationInformation";
    public const int FixedLength = 8;

    public long AllocationSize { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)AllocationSize);
    }

    public static DecodeResult<FileAllocationInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileAllocationInformation
        {
            AllocationSize = (long)span.U64(0),
        };
    }

    public override string ToString() => "FileAllocationInformation";
}
