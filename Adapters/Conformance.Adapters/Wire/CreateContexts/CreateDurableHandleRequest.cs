namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_DURABLE_HANDLE_REQUEST, "DHnQ" in a request (2.2.13.2.3).</summary>
public sealed class CreateDurableHandleRequest : CreateContext
{
    public const int Length = 16;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.DurableHandleRequest;
    public override int DataSize => Length;

    /// <summary>16 reserved bytes (zero from a client); a shorter value is zero-filled, a longer one cut.</summary>
    public ReadOnlyMemory<byte> DurableRequest { get; set; } = new byte[Length];

    protected override void WriteData(Span<byte> destination)
    {
        destination.Clear();
        DurableRequest.Span[..Math.Min(Length, DurableRequest.Length)].CopyTo(destination);
    }

    internal static CreateDurableHandleRequest ReadData(ReadOnlyMemory<byte> data) => new() { DurableRequest = data };
}
