namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 CLOSE Request (2.2.15).</summary>
public sealed class CloseRequest : IMessageBody<CloseRequest>
{
    private const string MessageName = "CLOSE Request";
    private const string Clause = "2.2.15";
    public const ushort DefaultStructureSize = 24;
    private const int FixedLength = 24;

    public Smb2Command Command => Smb2Command.Close;

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>POSTQUERY_ATTRIB asks the server to fill the attributes of the response.</summary>
    public CloseFlags Flags { get; set; }
    public uint Reserved { get; set; }
    public FileId FileId { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, (ushort)Flags);
        destination.U32(4, Reserved);
        FileId.WriteTo(destination[8..]);
    }

    public static DecodeResult<CloseRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        return new CloseRequest
        {
            Flags = (CloseFlags)span.U16(body + 2),
            Reserved = span.U32(body + 4),
            FileId = FileId.Read(span[(body + 8)..]),
        };
    }

    public override string ToString() => $"CLOSE Request {FileId} {Flags}";
}
