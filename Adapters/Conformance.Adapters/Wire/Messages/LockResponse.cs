namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 LOCK Response (2.2.27).</summary>
public sealed class LockResponse : IMessageBody<LockResponse>
{
    private const string MessageName = "LOCK Response";
    private const string Clause = "2.2.27";
    public const ushort DefaultStructureSize = 4;

    public Smb2Command Command => Smb2Command.Lock;
    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved { get; set; }

    public int Size => 4;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved);
    }

    public static DecodeResult<LockResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, 4);
        if (error is not null)
        {
            return error;
        }
        return new LockResponse { Reserved = span.U16(Smb2Header.Size + 2) };
    }

    public override string ToString() => "LOCK Response";
}
