namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 WRITE Request (2.2.21). Natural layout: the data at 0x70 right after the fixed part (its
/// offset is 0x70 even when empty), then the write channel info, if any.
/// </summary>
public sealed class WriteRequest : IMessageBody<WriteRequest>
{
    private const string MessageName = "WRITE Request";
    private const string Clause = "2.2.21";
    public const ushort DefaultStructureSize = 49;
    public const int FixedLength = 48;
    public const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.Write;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ulong Offset { get; set; }
    public FileId FileId { get; set; }
    public Channel Channel { get; set; }
    public uint RemainingBytes { get; set; }
    public WriteFlags Flags { get; set; }
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>SMB_DIRECT_BUFFER_DESCRIPTOR_V1 structures (MS-SMBD 2.2.3.1) when Channel is an RDMA one.</summary>
    public ReadOnlyMemory<byte> WriteChannelInfo { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? DataOffset { get; set; }
    public uint? Length { get; set; }
    public ushort? WriteChannelInfoOffset { get; set; }
    public ushort? WriteChannelInfoLength { get; set; }

    private int NaturalWriteChannelInfoOffset => WriteChannelInfo.IsEmpty ? 0 : BufferOffset + Data.Length;

    public int Size => FixedLength + Data.Length + WriteChannelInfo.Length;

    public void WriteTo(Span<byte> destination)
    {
        WriteFixedPartTo(destination);
        destination.Bytes(FixedLength, Data.Span);
        destination.Bytes(FixedLength + Data.Length, WriteChannelInfo.Span);
    }

    /// <summary>The first <see cref="FixedLength"/> bytes <see cref="WriteTo"/> writes: what precedes the data, which may then be sent from where it is.</summary>
    public void WriteFixedPartTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, DataOffset ?? BufferOffset);
        destination.U32(4, Length ?? (uint)Data.Length);
        destination.U64(8, Offset);
        FileId.WriteTo(destination[16..]);
        destination.U32(32, (uint)Channel);
        destination.U32(36, RemainingBytes);
        destination.U16(40, WriteChannelInfoOffset ?? (ushort)NaturalWriteChannelInfoOffset);
        destination.U16(42, WriteChannelInfoLength ?? (ushort)WriteChannelInfo.Length);
        destination.U32(44, (uint)Flags);
    }

    public static DecodeResult<WriteRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var dataOffset = span.U16(body + 2);
        var length = span.U32(body + 4);
        var channelInfoOffset = span.U16(body + 40);
        var channelInfoLength = span.U16(body + 42);
        error = BodyChecks.Buffer(span.Length, MessageName, Clause, "DataOffset", dataOffset, length, BufferOffset)
            ?? BodyChecks.Buffer(span.Length, MessageName, Clause, "WriteChannelInfoOffset", channelInfoOffset, channelInfoLength, BufferOffset);
        if (error is not null)
        {
            return error;
        }
        var request = new WriteRequest
        {
            Offset = span.U64(body + 8),
            FileId = FileId.Read(span[(body + 16)..]),
            Channel = (Channel)span.U32(body + 32),
            RemainingBytes = span.U32(body + 36),
            Flags = (WriteFlags)span.U32(body + 44),
            Data = length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(dataOffset, (int)length),
            WriteChannelInfo = channelInfoLength == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(channelInfoOffset, channelInfoLength),
        };
        if (dataOffset != BufferOffset)
        {
            request.DataOffset = dataOffset;
        }
        if (channelInfoOffset != request.NaturalWriteChannelInfoOffset)
        {
            request.WriteChannelInfoOffset = channelInfoOffset;
        }
        return request;
    }

    public override string ToString() => $"WRITE Request {FileId} Offset={Offset} Length={Data.Length}";
}
