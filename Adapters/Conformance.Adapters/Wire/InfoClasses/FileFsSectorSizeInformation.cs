namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_FS_SECTOR_SIZE_INFORMATION (MS-FSCC 2.5 FileFsSectorSizeInformation): seven 4-byte fields; 28 bytes.</summary>
public sealed class FileFsSectorSizeInformation : IInfoClass<FileFsSectorSizeInformation>
{
    private const string Name = "FILE_FS_SECTOR_SIZE_INFORMATION";
    private const string Clause = "MS-FSCC 2.5 FileFsSectorSizeInformation";
    public const int FixedLength = 28;

    public uint LogicalBytesPerSector { get; set; }
    public uint PhysicalBytesPerSectorForAtomicity { get; set; }
    public uint PhysicalBytesPerSectorForPerformance { get; set; }
    public uint FileSystemEffectivePhysicalBytesPerSectorForAtomicity { get; set; }
    public uint Flags { get; set; }
    public uint ByteOffsetForSectorAlignment { get; set; }
    public uint ByteOffsetForPartitionAlignment { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, LogicalBytesPerSector);
        destination.U32(4, PhysicalBytesPerSectorForAtomicity);
        destination.U32(8, PhysicalBytesPerSectorForPerformance);
        destination.U32(12, FileSystemEffectivePhysicalBytesPerSectorForAtomicity);
        destination.U32(16, Flags);
        destination.U32(20, ByteOffsetForSectorAlignment);
        destination.U32(24, ByteOffsetForPartitionAlignment);
    }

    public static DecodeResult<FileFsSectorSizeInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileFsSectorSizeInformation
        {
            LogicalBytesPerSector = span.U32(0),
            PhysicalBytesPerSectorForAtomicity = span.U32(4),
            PhysicalBytesPerSectorForPerformance = span.U32(8),
            FileSystemEffectivePhysicalBytesPerSectorForAtomicity = span.U32(12),
            Flags = span.U32(16),
            ByteOffsetForSectorAlignment = span.U32(20),
            ByteOffsetForPartitionAlignment = span.U32(24),
        };
    }

    public override string ToString() => "FileFsSectorSizeInformation";
}
