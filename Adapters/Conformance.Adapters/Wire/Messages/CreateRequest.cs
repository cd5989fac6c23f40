using Conformance.Adapters.Wire.CreateContexts;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 CREATE Request (2.2.13). Natural layout: the UTF-16 Name at 0x78 (right after the fixed
/// part), then the create contexts at the next 8-byte boundary. NameOffset is 0x78 even for an
/// empty Name, and the Buffer holds at least one byte (2.2.13: "MUST be at least one byte"), so an
/// empty Name with no contexts is written as one zero byte, as real clients send it.
/// </summary>
public sealed class CreateRequest : IMessageBody<CreateRequest>
{
    private const string MessageName = "CREATE Request";
    private const string Clause = "2.2.13";
    public const ushort DefaultStructureSize = 57;
    public const int FixedLength = 56;
    public const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.Create;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public byte SecurityFlags { get; set; }
    public OplockLevel RequestedOplockLevel { get; set; }
    public ImpersonationLevel ImpersonationLevel { get; set; } = ImpersonationLevel.Impersonation;
    public ulong SmbCreateFlags { get; set; }
    public ulong Reserved { get; set; }
    public AccessMask DesiredAccess { get; set; }
    public FileAttributes FileAttributes { get; set; }
    public ShareAccess ShareAccess { get; set; }
    public CreateDisposition CreateDisposition { get; set; } = CreateDisposition.FileOpen;
    public CreateOptions CreateOptions { get; set; }

    /// <summary>Relative to the share; "" opens the share's root.</summary>
    public string Name { get; set; } = "";
    public List<CreateContext> CreateContexts { get; set; } = [];

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? NameOffset { get; set; }
    public ushort? NameLength { get; set; }
    public uint? CreateContextsOffset { get; set; }
    public uint? CreateContextsLength { get; set; }

    private int NameByteCount => Name.Length * 2;

    /// <summary>Offset of the first create context from the header's start (0 when there is none).</summary>
    private int NaturalCreateContextsOffset => CreateContexts.Count == 0 ? 0 : WireSpanExtensions.Align8(BufferOffset + NameByteCount);

    public int Size => CreateContexts.Count == 0
        ? FixedLength + Math.Max(1, NameByteCount)
        : NaturalCreateContextsOffset - Smb2Header.Size + CreateContextList.Size(CreateContexts);

    public void WriteTo(Span<byte> destination)
    {
        destination[..Size].Clear();
        destination.U16(0, StructureSize);
        destination.U8(2, SecurityFlags);
        destination.U8(3, (byte)RequestedOplockLevel);
        destination.U32(4, (uint)ImpersonationLevel);
        destination.U64(8, SmbCreateFlags);
        destination.U64(16, Reserved);
        destination.U32(24, (uint)DesiredAccess);
        destination.U32(28, (uint)FileAttributes);
        destination.U32(32, (uint)ShareAccess);
        destination.U32(36, (uint)CreateDisposition);
        destination.U32(40, (uint)CreateOptions);
        destination.U16(44, NameOffset ?? BufferOffset);
        destination.U16(46, NameLength ?? (ushort)NameByteCount);
        destination.U32(48, CreateContextsOffset ?? (uint)NaturalCreateContextsOffset);
        var contextsLength = CreateContextList.Size(CreateContexts);
        destination.U32(52, CreateContextsLength ?? (uint)contextsLength);
        destination.Utf16(FixedLength, Name);
        if (CreateContexts.Count > 0)
        {
            CreateContextList.WriteTo(destination.Slice(NaturalCreateContextsOffset - Smb2Header.Size, contextsLength), CreateContexts);
        }
    }

    public static DecodeResult<CreateRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        if (span.Length < BufferOffset + 1)
        {
            return new DecodeError(MessageName, "Buffer", Clause, "the request ends with its fixed part; the Buffer MUST be at least one byte", span.Length);
        }
        var nameOffset = span.U16(body + 44);
        var nameLength = span.U16(body + 46);
        var contextsOffset = span.U32(body + 48);
        var contextsLength = span.U32(body + 52);
        error = BodyChecks.Buffer(span.Length, MessageName, Clause, "NameOffset", nameOffset, nameLength, BufferOffset)
            ?? BodyChecks.Buffer(span.Length, MessageName, Clause, "CreateContextsOffset", contextsOffset, contextsLength, BufferOffset);
        if (error is not null)
        {
            return error;
        }
        var contexts = new List<CreateContext>();
        if (contextsLength != 0)
        {
            if (contextsOffset % 8 != 0)
            {
                return new DecodeError(MessageName, "CreateContextsOffset", Clause, $"{contextsOffset} is not 8-byte aligned", body + 48);
            }
            var list = CreateContextList.Read(message, MessageName, (int)contextsOffset, (int)contextsLength, response: false);
            if (!list.IsSuccess)
            {
                return list.Error;
            }
            contexts = list.Value;
        }
        var request = new CreateRequest
        {
            SecurityFlags = span.U8(body + 2),
            RequestedOplockLevel = (OplockLevel)span.U8(body + 3),
            ImpersonationLevel = (ImpersonationLevel)span.U32(body + 4),
            SmbCreateFlags = span.U64(body + 8),
            Reserved = span.U64(body + 16),
            DesiredAccess = (AccessMask)span.U32(body + 24),
            FileAttributes = (FileAttributes)span.U32(body + 28),
            ShareAccess = (ShareAccess)span.U32(body + 32),
            CreateDisposition = (CreateDisposition)span.U32(body + 36),
            CreateOptions = (CreateOptions)span.U32(body + 40),
            Name = nameLength < 2 ? "" : span.Utf16(nameOffset, nameLength & ~1),
            CreateContexts = contexts,
        };
        // Keep what differs from the computed layout, so re-encoding is faithful.
        if (nameOffset != BufferOffset)
        {
            request.NameOffset = nameOffset;
        }
        if ((nameLength & 1) != 0)
        {
            request.NameLength = nameLength;
        }
        if (contextsOffset != request.NaturalCreateContextsOffset)
        {
            request.CreateContextsOffset = contextsOffset;
        }
        if (contextsLength != CreateContextList.Size(contexts))
        {
            request.CreateContextsLength = contextsLength;
        }
        return request;
    }

    public override string ToString() =>
        $"CREATE Request \"{Name}\" {DesiredAccess} {CreateDisposition} oplock={RequestedOplockLevel}" +
        (CreateContexts.Count > 0 ? " " + string.Join("+", CreateContexts.Select(context => context.NameText)) : "");
}
