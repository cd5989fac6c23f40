namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 READ Request (2.2.19). Natural layout: the read channel info, if any, at 0x70 right after
/// the fixed part; without it the Buffer is the one zero byte the client MUST send.
/// </summary>
public sealed class ReadRequest : IMessageBody<ReadRequest>
{
    private const string MessageName = "READ Request";
    private const string Clause = "2.2.19";
    public const ushort DefaultStructureSize = 49;
    public const int FixedLength = 48;
    public const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.Read;

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>Where the client would like the data placed in the response, from the header's start.</summary>
    public byte Padding { get; set; }
    public ReadRequestFlags Flags { get; set; }
    public uint Length { get; set; }
    public ulong Offset { get; set; }
    public FileId FileId { get; set; }
    public uint MinimumCount { get; set; }
    public Channel Channel { get; set; }
    public uint RemainingBytes { get; set; }

    /// <summary>SMB_DIRECT_BUFFER_DESCRIPTOR_V1 structures (MS-SMBD 2.2.3.1) when Channel is an RDMA one.</summary>
    public ReadOnlyMemory<byte> ReadChannelInfo { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? ReadChannelInfoOffset { get; set; }
    public ushort? ReadChannelInfoLength { get; set; }

    private int NaturalReadChannelInfoOffset => ReadChannelInfo.IsEmpty ? 0 : BufferOffset;

    public int Size => FixedLength + Math.Max(1, ReadChannelInfo.Length);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, Padding);
        destination.U8(3, (byte)Flags);
        destination.U32(4, Length);
        destination.U64(8, Offset);
        FileId.WriteTo(destination[16..]);
        destination.U32(32, MinimumCount);
        destination.U32(36, (uint)Channel);
        destination.U32(40, RemainingBytes);
        destination.U16(44, ReadChannelInfoOffset ?? (ushort)NaturalReadChannelInfoOffset);
        destination.U16(46, ReadChannelInfoLength ?? (ushort)ReadChannelInfo.Length);
        destination[FixedLength] = 0;
        destination.Bytes(FixedLength, ReadChannelInfo.Span);
    }

    public static DecodeResult<ReadRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        if (span.Length < BufferOffset + 1)
        {
            return new DecodeError(MessageName, "Buffer", Clause, "the request ends with its fixed part; the client MUST send one byte of Buffer", span.Length);
        }
        const int body = Smb2Header.Size;
        var channelInfoOffset = span.U16(body + 44);
        var channelInfoLength = span.U16(body + 46);
        error = BodyChecks.Buffer(span.Length, MessageName, Clause, "ReadChannelInfoOffset", channelInfoOffset, channelInfoLength, BufferOffset);
        if (error is not null)
        {
            return error;
        }
        var request = new ReadRequest
        {
            Padding = span.U8(body + 2),
            Flags = (ReadRequestFlags)span.U8(body + 3),
            Length = span.U32(body + 4),
            Offset = span.U64(body + 8),
            FileId = FileId.Read(span[(body + 16)..]),
            MinimumCount = span.U32(body + 32),
            Channel = (Channel)span.U32(body + 36),
            RemainingBytes = span.U32(body + 40),
            ReadChannelInfo = channelInfoLength == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(channelInfoOffset, channelInfoLength),
        };
        if (channelInfoOffset != request.NaturalReadChannelInfoOffset)
        {
            request.ReadChannelInfoOffset = channelInfoOffset;
        }
        return request;
    }

    public override string ToString() => $"READ Request {FileId} Offset={Offset} Length={Length}";
}
