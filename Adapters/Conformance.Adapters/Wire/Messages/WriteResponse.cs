namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 WRITE Response (2.2.22). Only Count is used; the rest is reserved.</summary>
public sealed class WriteResponse : IMessageBody<WriteResponse>
{
    private const string MessageName = "WRITE Response";
    private const string Clause = "2.2.22";
    public const ushort DefaultStructureSize = 17;
    private const int FixedLength = 16;

    public Smb2Command Command => Smb2Command.Write;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved { get; set; }
    public uint Count { get; set; }
    public uint Remaining { get; set; }
    public ushort WriteChannelInfoOffset { get; set; }
    public ushort WriteChannelInfoLength { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved);
        destination.U32(4, Count);
        destination.U32(8, Remaining);
        destination.U16(12, WriteChannelInfoOffset);
        destination.U16(14, WriteChannelInfoLength);
    }

    public static DecodeResult<WriteResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        return new WriteResponse
        {
            Reserved = span.U16(body + 2),
            Count = span.U32(body + 4),
            Remaining = span.U32(body + 8),
            WriteChannelInfoOffset = span.U16(body + 12),
            WriteChannelInfoLength = span.U16(body + 14),
        };
    }

    public override string ToString() => $"WRITE Response Count={Count}";
}
