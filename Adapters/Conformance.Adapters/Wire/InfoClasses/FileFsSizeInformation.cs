namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_FS_SIZE_INFORMATION (MS-FSCC 2.5 FileFsSizeInformation): TotalAllocationUnits, AvailableAllocationUnits, SectorsPerAllocationUnit, BytesPerSector; 24 bytes.</summary>
public sealed class FileFsSizeInformation : IInfoClass<FileFsSizeInformation>
{
    private const string Name = "FILE_FS_SIZE_INFORMATION";
    private const string Clause = "MS-FSCC 2.5 FileFsSizeInformation";
    public const int FixedLength = 24;

    public long TotalAllocationUnits { get; set; }
    public long AvailableAllocationUnits { get; set; }
    public uint SectorsPerAllocationUnit { get; set; }
    public uint BytesPerSector { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)TotalAllocationUnits);
        destination.U64(8, (ulong)AvailableAllocationUnits);
        destination.U32(16, SectorsPerAllocationUnit);
        destination.U32(20, BytesPerSector);
    }

    public static DecodeResult<FileFsSizeInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileFsSizeInformation
        {
            TotalAllocationUnits = (long)span.U64(0),
            AvailableAllocationUnits = (long)span.U64(8),
            SectorsPerAllocationUnit = span.U32(16),
            BytesPerSector = span.U32(20),
        };
    }

    public override string ToString() => "FileFsSizeInformation";
}
