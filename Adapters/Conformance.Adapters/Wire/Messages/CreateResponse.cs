using Conformance.Adapters.Wire.CreateContexts;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 CREATE Response (2.2.14). Natural layout: the create contexts, if any, right after the
/// 88-byte fixed part (offset 0x98, already 8-byte aligned); no byte follows when there are none.
/// </summary>
public sealed class CreateResponse : IMessageBody<CreateResponse>
{
    private const string MessageName = "CREATE Response";
    private const string Clause = "2.2.14";
    public const ushort DefaultStructureSize = 89;
    public const int FixedLength = 88;
    public const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.Create;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public OplockLevel OplockLevel { get; set; }
    public CreateResponseFlags Flags { get; set; }
    public CreateAction CreateAction { get; set; }

    /// <summary>FILETIME values (MS-DTYP 2.3.3).</summary>
    public ulong CreationTime { get; set; }
    public ulong LastAccessTime { get; set; }
    public ulong LastWriteTime { get; set; }
    public ulong ChangeTime { get; set; }
    public ulong AllocationSize { get; set; }
    public ulong EndofFile { get; set; }
    public FileAttributes FileAttributes { get; set; }
    public uint Reserved2 { get; set; }
    public FileId FileId { get; set; }
    public List<CreateContext> CreateContexts { get; set; } = [];

    /// <summary>Overrides: null writes the computed value.</summary>
    public uint? CreateContextsOffset { get; set; }
    public uint? CreateContextsLength { get; set; }

    private int NaturalCreateContextsOffset => CreateContexts.Count == 0 ? 0 : BufferOffset;

    public int Size => FixedLength + CreateContextList.Size(CreateContexts);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, (byte)OplockLevel);
        destination.U8(3, (byte)Flags);
        destination.U32(4, (uint)CreateAction);
        destination.U64(8, CreationTime);
        destination.U64(16, LastAccessTime);
        destination.U64(24, LastWriteTime);
        destination.U64(32, ChangeTime);
        destination.U64(40, AllocationSize);
        destination.U64(48, EndofFile);
        destination.U32(56, (uint)FileAttributes);
        destination.U32(60, Reserved2);
        FileId.WriteTo(destination[64..]);
        var contextsLength = CreateContextList.Size(CreateContexts);
        destination.U32(80, CreateContextsOffset ?? (uint)NaturalCreateContextsOffset);
        destination.U32(84, CreateContextsLength ?? (uint)contextsLength);
        CreateContextList.WriteTo(destination.Slice(FixedLength, contextsLength), CreateContexts);
    }

    public static DecodeResult<CreateResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var contextsOffset = span.U32(body + 80);
        var contextsLength = span.U32(body + 84);
        error = BodyChecks.Buffer(span.Length, MessageName, Clause, "CreateContextsOffset", contextsOffset, contextsLength, BufferOffset);
        if (error is not null)
        {
            return error;
        }
        var contexts = new List<CreateContext>();
        if (contextsLength != 0)
        {
            if (contextsOffset % 8 != 0)
            {
                return new DecodeError(MessageName, "CreateContextsOffset", Clause, $"{contextsOffset} is not 8-byte aligned", body + 80);
            }
            var list = CreateContextList.Read(message, MessageName, (int)contextsOffset, (int)contextsLength, response: true);
            if (!list.IsSuccess)
            {
                return list.Error;
            }
            contexts = list.Value;
        }
        var response = new CreateResponse
        {
            OplockLevel = (OplockLevel)span.U8(body + 2),
            Flags = (CreateResponseFlags)span.U8(body + 3),
            CreateAction = (CreateAction)span.U32(body + 4),
            CreationTime = span.U64(body + 8),
            LastAccessTime = span.U64(body + 16),
            LastWriteTime = span.U64(body + 24),
            ChangeTime = span.U64(body + 32),
            AllocationSize = span.U64(body + 40),
            EndofFile = span.U64(body + 48),
            FileAttributes = (FileAttributes)span.U32(body + 56),
            Reserved2 = span.U32(body + 60),
            FileId = FileId.Read(span[(body + 64)..]),
            CreateContexts = contexts,
        };
        if (contextsOffset != response.NaturalCreateContextsOffset)
        {
            response.CreateContextsOffset = contextsOffset;
        }
        if (contextsLength != CreateContextList.Size(contexts))
        {
            response.CreateContextsLength = contextsLength;
        }
        return response;
    }

    public override string ToString() =>
        $"CREATE Response {FileId} {CreateAction} oplock={OplockLevel}" +
        (CreateContexts.Count > 0 ? " " + string.Join("+", CreateContexts.Select(context => context.NameText)) : "");
}
