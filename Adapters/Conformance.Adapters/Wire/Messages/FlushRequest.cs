namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 FLUSH Request (2.2.17).</summary>
public sealed class FlushRequest : IMessageBody<FlushRequest>
{
    private const string MessageName = "FLUSH Request";
    private const string Clause = "2.2.17";
    public const ushort DefaultStructureSize = 24;
    private const int FixedLength = 24;

    public Smb2Command Command => Smb2Command.Flush;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved1 { get; set; }
    public uint Reserved2 { get; set; }
    public FileId FileId { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved1);
        destination.U32(4, Reserved2);
        FileId.WriteTo(destination[8..]);
    }

    public static DecodeResult<FlushRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        return new FlushRequest
        {
            Reserved1 = span.U16(body + 2),
            Reserved2 = span.U32(body + 4),
            FileId = FileId.Read(span[(body + 8)..]),
        };
    }

    public override string ToString() => $"FLUSH Request {FileId}";
}
