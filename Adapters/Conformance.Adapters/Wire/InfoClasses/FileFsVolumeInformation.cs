namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_FS_VOLUME_INFORMATION (MS-FSCC 2.5 FileFsVolumeInformation): VolumeCreationTime, VolumeSerialNumber, VolumeLabelLength, SupportsObjects, Reserved, VolumeLabel.</summary>
public sealed class FileFsVolumeInformation : IInfoClass<FileFsVolumeInformation>
{
    private const string Name = "FILE_FS_VOLUME_INFORMATION";
    private const string Clause = "MS-FSCC 2.5 FileFsVolumeInformation";
    public const int FixedLength = 18;

    public long VolumeCreationTime { get; set; }
    public uint VolumeSerialNumber { get; set; }

    /// <summary>Null: the name's byte count.</summary>
    public uint? VolumeLabelLength { get; set; }
    public bool SupportsObjects { get; set; }
    public byte Reserved { get; set; }
    public string VolumeLabel { get; set; } = "";

    public int Size => FixedLength + VolumeLabel.Length * 2;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)VolumeCreationTime);
        destination.U32(8, VolumeSerialNumber);
        destination.U32(12, VolumeLabelLength ?? (uint)(VolumeLabel.Length * 2));
        destination.U8(16, SupportsObjects ? (byte)1 : (byte)0);
        destination.U8(17, Reserved);
        destination.Utf16(FixedLength, VolumeLabel);
    }

    public static DecodeResult<FileFsVolumeInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var nameLength = span.U32(12);
        error = InfoChecks.Name(span, Name, Clause, "VolumeLabelLength", FixedLength, nameLength, 12);
        if (error is not null)
        {
            return error;
        }
        return new FileFsVolumeInformation
        {
            VolumeCreationTime = (long)span.U64(0),
            VolumeSerialNumber = span.U32(8),
            SupportsObjects = span.U8(16) != 0,
            Reserved = span.U8(17),
            VolumeLabel = span.Utf16(FixedLength, (int)nameLength),
        };
    }

    public override string ToString() => $"FileFsVolumeInformation {VolumeLabel}";
}
