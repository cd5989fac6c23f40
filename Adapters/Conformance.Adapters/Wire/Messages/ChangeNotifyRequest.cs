namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 CHANGE_NOTIFY Request (2.2.35): Flags, OutputBufferLength, FileId, CompletionFilter, Reserved; 32 bytes.</summary>
public sealed class ChangeNotifyRequest : IMessageBody<ChangeNotifyRequest>
{
    private const string Name = "CHANGE_NOTIFY Request";
    private const string Clause = "2.2.35";
    public const ushort DefaultStructureSize = 32;
    private const int FixedLength = 32;

    public Smb2Command Command => Smb2Command.ChangeNotify;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ChangeNotifyFlags Flags { get; set; }
    public uint OutputBufferLength { get; set; } = 4096;
    public FileId FileId { get; set; }
    public CompletionFilter CompletionFilter { get; set; }
    public uint Reserved { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, (ushort)Flags);
        destination.U32(4, OutputBufferLength);
        FileId.WriteTo(destination[8..]);
        destination.U32(24, (uint)CompletionFilter);
        destination.U32(28, Reserved);
    }

    public static DecodeResult<ChangeNotifyRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var body = Smb2Header.Size;
        return new ChangeNotifyRequest
        {
            Flags = (ChangeNotifyFlags)span.U16(body + 2),
            OutputBufferLength = span.U32(body + 4),
            FileId = FileId.Read(span[(body + 8)..]),
            CompletionFilter = (CompletionFilter)span.U32(body + 24),
            Reserved = span.U32(body + 28),
        };
    }

    public override string ToString() => $"CHANGE_NOTIFY Request {CompletionFilter}";
}
