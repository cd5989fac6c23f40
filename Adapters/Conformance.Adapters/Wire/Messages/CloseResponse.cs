namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 CLOSE Response (2.2.16): the attributes are meaningful only with POSTQUERY_ATTRIB.</summary>
public sealed class CloseResponse : IMessageBody<CloseResponse>
{
    private const string MessageName = "CLOSE Response";
    private const string Clause = "2.2.16";
    public const ushort DefaultStructureSize = 60;
    private const int FixedLength = 60;

    public Smb2Command Command => Smb2Command.Close;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public CloseFlags Flags { get; set; }
    public uint Reserved { get; set; }

    /// <summary>FILETIME values (MS-DTYP 2.3.3).</summary>
    public ulong CreationTime { get; set; }
    public ulong LastAccessTime { get; set; }
    public ulong LastWriteTime { get; set; }
    public ulong ChangeTime { get; set; }
    public ulong AllocationSize { get; set; }
    public ulong EndofFile { get; set; }
    public FileAttributes FileAttributes { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, (ushort)Flags);
        destination.U32(4, Reserved);
        destination.U64(8, CreationTime);
        destination.U64(16, LastAccessTime);
        destination.U64(24, LastWriteTime);
        destination.U64(32, ChangeTime);
        destination.U64(40, AllocationSize);
        destination.U64(48, EndofFile);
        destination.U32(56, (uint)FileAttributes);
    }

    public static DecodeResult<CloseResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        return new CloseResponse
        {
            Flags = (CloseFlags)span.U16(body + 2),
            Reserved = span.U32(body + 4),
            CreationTime = span.U64(body + 8),
            LastAccessTime = span.U64(body + 16),
            LastWriteTime = span.U64(body + 24),
            ChangeTime = span.U64(body + 32),
            AllocationSize = span.U64(body + 40),
            EndofFile = span.U64(body + 48),
            FileAttributes = (FileAttributes)span.U32(body + 56),
        };
    }

    public override string ToString() => $"CLOSE Response {Flags} EndofFile={EndofFile} {FileAttributes}";
}
