using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2, "DH2Q" in a response (2.2.14.2.12).</summary>
public sealed class CreateDurableHandleResponseV2 : CreateContext
{
    public const int Length = 8;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.DurableHandleRequestV2;
    public override int DataSize => Length;

    /// <summary>Milliseconds the server waits for a reconnect.</summary>
    public uint Timeout { get; set; }
    public DurableHandleFlags Flags { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        destination.U32(0, Timeout);
        destination.U32(4, (uint)Flags);
    }

    internal static CreateDurableHandleResponseV2 ReadData(ReadOnlySpan<byte> data) =>
        new() { Timeout = data.U32(0), Flags = (DurableHandleFlags)data.U32(4) };
}
