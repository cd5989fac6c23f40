namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 FLUSH Response (2.2.18).</summary>
public sealed class FlushResponse : IMessageBody<FlushResponse>
{
    private const string MessageName = "FLUSH Response";
    private const string Clause = "2.2.18";
    public const ushort DefaultStructureSize = 4;

    public Smb2Command Command => Smb2Command.Flush;
    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved { get; set; }

    public int Size => 4;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved);
    }

    public static DecodeResult<FlushResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, 4);
        if (error is not null)
        {
            return error;
        }
        return new FlushResponse { Reserved = span.U16(Smb2Header.Size + 2) };
    }

    public override string ToString() => "FLUSH Response";
}
