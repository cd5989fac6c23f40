namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_DURABLE_HANDLE_RECONNECT, "DHnC" (2.2.13.2.4): the FileId of the open to reestablish.</summary>
public sealed class CreateDurableHandleReconnect : CreateContext
{
    public const int Length = FileId.Size;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.DurableHandleReconnect;
    public override int DataSize => Length;

    public FileId Data { get; set; }

    protected override void WriteData(Span<byte> destination) => Data.WriteTo(destination);

    internal static CreateDurableHandleReconnect ReadData(ReadOnlySpan<byte> data) => new() { Data = FileId.Read(data) };
}
