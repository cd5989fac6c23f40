namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_FS_FULL_SIZE_INFORMATION (MS-FSCC 2.5 FileFsFullSizeInformation): TotalAllocationUnits, CallerAvailableAllocationUnits, ActualAvailableAllocationUnits, SectorsPerAllocationUnit, BytesPerSector; 32 bytes.</summary>
public sealed class FileFsFullSizeInformation : IInfoClass<FileFsFullSizeInformation>
{
    private const string Name = "FILE_FS_FULL_SIZE_INFORMATION";
    private const string Clause = "MS-FSCC 2.5 FileFsFullSizeInformation";
    public const int FixedLength = 32;

    public long TotalAllocationUnits { get; set; }
    public long CallerAvailableAllocationUnits { get; set; }
    public long ActualAvailableAllocationUnits { get; set; }
    public uint SectorsPerAllocationUnit { get; set; }
    public uint BytesPerSector { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)TotalAllocationUnits);
        destination.U64(8, (ulong)CallerAvailableAllocationUnits);
        destination.U64(16, (ulong)ActualAvailableAllocationUnits);
        destination.U32(24, SectorsPerAllocationUnit);
        destination.U32(28, BytesPerSector);
    }

    public static DecodeResult<FileFsFullSizeInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileFsFullSizeInformation
        {
            TotalAllocationUnits = (long)span.U64(0),
            CallerAvailableAllocationUnits = (long)span.U64(8),
            ActualAvailableAllocationUnits = (long)span.U64(16),
            SectorsPerAllocationUnit = span.U32(24),
            BytesPerSector = span.U32(28),
        };
    }

    public override string ToString() => "FileFsFullSizeInformation";
}
