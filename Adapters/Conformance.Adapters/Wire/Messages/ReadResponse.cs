namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 READ Response (2.2.20). Natural layout: the data at 0x50, right after the fixed part.</summary>
public sealed class ReadResponse : IMessageBody<ReadResponse>
{
    private const string MessageName = "READ Response";
    private const string Clause = "2.2.20";
    public const ushort DefaultStructureSize = 17;
    public const int FixedLength = 16;
    public const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.Read;

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>Reserved in 2.0.2 to 3.0.2; 3.1.1 names it Flags (SMB2_READFLAG_RESPONSE_RDMA_TRANSFORM).</summary>
    public byte Reserved { get; set; }
    public uint DataRemaining { get; set; }
    public uint Reserved2 { get; set; }
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public byte? DataOffset { get; set; }
    public uint? DataLength { get; set; }

    public int Size => FixedLength + Data.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, DataOffset ?? BufferOffset);
        destination.U8(3, Reserved);
        destination.U32(4, DataLength ?? (uint)Data.Length);
        destination.U32(8, DataRemaining);
        destination.U32(12, Reserved2);
        destination.Bytes(FixedLength, Data.Span);
    }

    public static DecodeResult<ReadResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var dataOffset = span.U8(body + 2);
        var dataLength = span.U32(body + 4);
        error = BodyChecks.Buffer(span.Length, MessageName, Clause, "DataOffset", dataOffset, dataLength, BufferOffset);
        if (error is not null)
        {
            return error;
        }
        var response = new ReadResponse
        {
            Reserved = span.U8(body + 3),
            DataRemaining = span.U32(body + 8),
            Reserved2 = span.U32(body + 12),
            Data = dataLength == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(dataOffset, (int)dataLength),
        };
        if (dataOffset != BufferOffset)
        {
            response.DataOffset = dataOffset;
        }
        return response;
    }

    public override string ToString() => $"READ Response {Data.Length} bytes";
}
