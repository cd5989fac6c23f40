namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 TREE_CONNECT Request (2.2.9). 3.1.1 renames Reserved to Flags (CLUSTER_RECONNECT,
/// REDIRECT_TO_OWNER, EXTENSION_PRESENT; current MS-SMB2 2.2.9); an extension, when present, is
/// carried as raw bytes in <see cref="Extension"/> after the path.
/// </summary>
public sealed class TreeConnectRequest : IMessageBody<TreeConnectRequest>
{
    private const string Name = "TREE_CONNECT Request";
    private const string Clause = "2.2.9";
    public const ushort DefaultStructureSize = 9;
    private const int FixedLength = 8;

    public Smb2Command Command => Smb2Command.TreeConnect;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Flags { get; set; }

    /// <summary>"\\server\share".</summary>
    public string Path { get; set; } = "";

    /// <summary>Bytes after the path (a 3.1.1 TREE_CONNECT_REQUEST_EXTENSION, or anything a scenario wants).</summary>
    public ReadOnlyMemory<byte> Extension { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? PathOffset { get; set; }
    public ushort? PathLength { get; set; }

    private int PathByteCount => Path.Length * 2;

    public int Size => FixedLength + PathByteCount + Extension.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Flags);
        destination.U16(4, PathOffset ?? (ushort)(Smb2Header.Size + FixedLength));
        destination.U16(6, PathLength ?? (ushort)PathByteCount);
        destination.Utf16(FixedLength, Path);
        destination.Bytes(FixedLength + PathByteCount, Extension.Span);
    }

    public static DecodeResult<TreeConnectRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var pathOffset = span.U16(Smb2Header.Size + 4);
        var pathLength = span.U16(Smb2Header.Size + 6);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "PathOffset", pathOffset, pathLength, Smb2Header.Size + FixedLength);
        if (error is not null)
        {
            return error;
        }
        var naturalOffset = Smb2Header.Size + FixedLength;
        var request = new TreeConnectRequest
        {
            Flags = span.U16(Smb2Header.Size + 2),
            Path = pathLength == 0 ? "" : span.Utf16(pathOffset, pathLength),
            // Keep values that differ from what the encoder computes, so re-encoding is faithful.
            PathOffset = pathOffset == naturalOffset ? null : pathOffset,
        };
        if ((pathLength & 1) != 0)
        {
            request.PathLength = pathLength;
        }
        return request;
    }

    public override string ToString() => $"TREE_CONNECT Request {Path}";
}
