namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 TREE_CONNECT Response (2.2.10).</summary>
public sealed class TreeConnectResponse : IMessageBody<TreeConnectResponse>
{
    private const string Name = "TREE_CONNECT Response";
    private const string Clause = "2.2.10";
    public const ushort DefaultStructureSize = 16;
    private const int FixedLength = 16;

    public Smb2Command Command => Smb2Command.TreeConnect;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ShareType ShareType { get; set; } = ShareType.Disk;
    public byte Reserved { get; set; }
    public ShareFlags ShareFlags { get; set; }
    public ShareCapabilities Capabilities { get; set; }

    /// <summary>Access mask (2.2.13.1).</summary>
    public uint MaximalAccess { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, (byte)ShareType);
        destination.U8(3, Reserved);
        destination.U32(4, (uint)ShareFlags);
        destination.U32(8, (uint)Capabilities);
        destination.U32(12, MaximalAccess);
    }

    public static DecodeResult<TreeConnectResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        return new TreeConnectResponse
        {
            ShareType = (ShareType)span.U8(body + 2),
            Reserved = span.U8(body + 3),
            ShareFlags = (ShareFlags)span.U32(body + 4),
            Capabilities = (ShareCapabilities)span.U32(body + 8),
            MaximalAccess = span.U32(body + 12),
        };
    }

    public override string ToString() => $"TREE_CONNECT Response {ShareType} {ShareFlags} {Capabilities} MaximalAccess=0x{MaximalAccess:X8}";
}
