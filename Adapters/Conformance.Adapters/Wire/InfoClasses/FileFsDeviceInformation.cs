namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_FS_DEVICE_INFORMATION (MS-FSCC 2.5 FileFsDeviceInformation): DeviceType, Characteristics.</summary>
public sealed class FileFsDeviceInformation : IInfoClass<FileFsDeviceInformation>
{
    private const string Name = "FILE_FS_DEVICE_INFORMATION";
    private const string Clause = "MS-FSCC 2.5 FileFsDeviceInformation";
    public const int FixedLength = 8;

    public uint DeviceType { get; set; }
    public uint Characteristics { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, DeviceType);
        destination.U32(4, Characteristics);
    }

    public static DecodeResult<FileFsDeviceInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileFsDeviceInformation
        {
            DeviceType = span.U32(0),
            Characteristics = span.U32(4),
        };
    }

    public override string ToString() => "FileFsDeviceInformation";
}
