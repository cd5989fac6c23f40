namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_DURABLE_HANDLE_RESPONSE, "DHnQ" in a response (2.2.14.2.3).</summary>
public sealed class CreateDurableHandleResponse : CreateContext
{
    public const int Length = 8;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.DurableHandleRequest;
    public override int DataSize => Length;

    public ulong Reserved2 { get; set; }

    protected override void WriteData(Span<byte> destination) => destination.U64(0, Reserved2);

    internal static CreateDurableHandleResponse ReadData(ReadOnlySpan<byte> data) => new() { Reserved2 = data.U64(0) };
}
