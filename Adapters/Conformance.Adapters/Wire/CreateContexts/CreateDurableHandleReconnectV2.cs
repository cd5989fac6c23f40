using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_DURABLE_HANDLE_RECONNECT_V2, "DH2C" (2.2.13.2.12).</summary>
public sealed class CreateDurableHandleReconnectV2 : CreateContext
{
    public const int Length = 36;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.DurableHandleReconnectV2;
    public override int DataSize => Length;

    public FileId FileId { get; set; }
    public Guid CreateGuid { get; set; }
    public DurableHandleFlags Flags { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        FileId.WriteTo(destination);
        destination.Guid(16, CreateGuid);
        destination.U32(32, (uint)Flags);
    }

    internal static CreateDurableHandleReconnectV2 ReadData(ReadOnlySpan<byte> data) => new()
    {
        FileId = FileId.Read(data),
        CreateGuid = data.Guid(16),
        Flags = (DurableHandleFlags)data.U32(32),
    };
}
