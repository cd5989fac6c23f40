using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_DURABLE_HANDLE_REQUEST_V2, "DH2Q" in a request (2.2.13.2.11).</summary>
public sealed class CreateDurableHandleRequestV2 : CreateContext
{
    public const int Length = 32;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.DurableHandleRequestV2;
    public override int DataSize => Length;

    /// <summary>Milliseconds; 0 asks for the server's default.</summary>
    public uint Timeout { get; set; }
    public DurableHandleFlags Flags { get; set; }
    public ulong Reserved2 { get; set; }
    public Guid CreateGuid { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        destination.U32(0, Timeout);
        destination.U32(4, (uint)Flags);
        destination.U64(8, Reserved2);
        destination.Guid(16, CreateGuid);
    }

    internal static CreateDurableHandleRequestV2 ReadData(ReadOnlySpan<byte> data) => new()
    {
        Timeout = data.U32(0),
        Flags = (DurableHandleFlags)data.U32(4),
        Reserved2 = data.U64(8),
        CreateGuid = data.Guid(16),
    };
}
