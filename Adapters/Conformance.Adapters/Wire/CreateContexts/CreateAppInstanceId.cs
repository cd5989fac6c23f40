namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_APP_INSTANCE_ID (2.2.13.2.13), named by a 16-byte GUID.</summary>
public sealed class CreateAppInstanceId : CreateContext
{
    public const int Length = 20;
    public const ushort DefaultStructureSize = 20;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.AppInstanceId;
    public override int DataSize => Length;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved2 { get; set; }
    public Guid AppInstanceId { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved2);
        destination.Guid(4, AppInstanceId);
    }

    internal static CreateAppInstanceId ReadData(ReadOnlySpan<byte> data) => new()
    {
        StructureSize = data.U16(0),
        Reserved2 = data.U16(2),
        AppInstanceId = data.Guid(4),
    };
}
