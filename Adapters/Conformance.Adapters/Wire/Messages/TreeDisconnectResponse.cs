namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 TREE_DISCONNECT Response (2.2.12): StructureSize and Reserved only.</summary>
public sealed class TreeDisconnectResponse : IMessageBody<TreeDisconnectResponse>
{
    private const string Name = "TREE_DISCONNECT Response";
    private const string Clause = "2.2.12";
    public const ushort DefaultStructureSize = 4;

    public Smb2Command Command => Smb2Command.TreeDisconnect;
    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved { get; set; }

    public int Size => 4;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved);
    }

    public static DecodeResult<TreeDisconnectResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, 4);
        if (error is not null)
        {
            return error;
        }
        return new TreeDisconnectResponse { Reserved = span.U16(Smb2Header.Size + 2) };
    }

    public override string ToString() => Name;
}
