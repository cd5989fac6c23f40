namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 TREE_CONNECT Request (2.2.9). 3.1.1 renames Reserved to Flags (current MS-SMB2 2.2.9). With
/// EXTENSION_PRESENT, the Buffer starts with a TREE_CONNECT_REQUEST_EXTENSION (current MS-SMB2
/// 2.2.9.1): TreeConnectContextOffset, TreeConnectContextCount and Reserved (kept raw in
/// <see cref="ExtensionHeader"/>), then PathName, then the tree connect contexts (kept raw in
/// <see cref="TreeConnectContexts"/>). PathOffset then points past the extension's fixed part.
/// </summary>
public sealed class TreeConnectRequest : IMessageBody<TreeConnectRequest>
{
    private const string Name = "TREE_CONNECT Request";
    private const string Clause = "2.2.9";
    public const ushort DefaultStructureSize = 9;
    private const int FixedLength = 8;

    public Smb2Command Command => Smb2Command.TreeConnect;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public TreeConnectRequestFlags Flags { get; set; }

    /// <summary>"\\server\share".</summary>
    public string Path { get; set; } = "";

    /// <summary>Bytes of the Buffer before the path: the extension's 16-byte fixed part, raw (empty without an extension).</summary>
    public ReadOnlyMemory<byte> ExtensionHeader { get; set; }

    /// <summary>Bytes of the Buffer after the path: the extension's tree connect contexts with their padding, raw.</summary>
    public ReadOnlyMemory<byte> TreeConnectContexts { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? PathOffset { get; set; }
    public ushort? PathLength { get; set; }

    private int PathByteCount => Path.Length * 2;

    public int Size => FixedLength + ExtensionHeader.Length + PathByteCount + TreeConnectContexts.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, (ushort)Flags);
        destination.U16(4, PathOffset ?? (ushort)(Smb2Header.Size + FixedLength + ExtensionHeader.Length));
        destination.U16(6, PathLength ?? (ushort)PathByteCount);
        destination.Bytes(FixedLength, ExtensionHeader.Span);
        destination.Utf16(FixedLength + ExtensionHeader.Length, Path);
        destination.Bytes(FixedLength + ExtensionHeader.Length + PathByteCount, TreeConnectContexts.Span);
    }

    public static DecodeResult<TreeConnectRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int bufferStart = Smb2Header.Size + FixedLength;
        var pathOffset = span.U16(Smb2Header.Size + 4);
        var pathLength = span.U16(Smb2Header.Size + 6);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "PathOffset", pathOffset, pathLength, bufferStart);
        if (error is not null)
        {
            return error with { Offset = Smb2Header.Size + 4 };
        }
        var request = new TreeConnectRequest
        {
            Flags = (TreeConnectRequestFlags)span.U16(Smb2Header.Size + 2),
            Path = pathLength == 0 ? "" : span.Utf16(pathOffset, pathLength & ~1),
        };
        var pathStart = bufferStart;
        if ((request.Flags & TreeConnectRequestFlags.ExtensionPresent) != 0)
        {
            pathStart = pathLength == 0 ? Math.Clamp((int)pathOffset, bufferStart, span.Length) : pathOffset;
            request.ExtensionHeader = message[bufferStart..pathStart];
            request.TreeConnectContexts = message[(pathStart + pathLength)..];
        }
        // Keep values that differ from what the encoder computes, so re-encoding is faithful.
        if (pathOffset != pathStart)
        {
            request.PathOffset = pathOffset;
        }
        if ((pathLength & 1) != 0)
        {
            request.PathLength = pathLength;
        }
        return request;
    }

    public override string ToString() => $"TREE_CONNECT Request {Path}" + (Flags != 0 ? $" {Flags}" : "");
}
