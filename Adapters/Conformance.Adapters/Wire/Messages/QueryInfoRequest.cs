using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 QUERY_INFO Request (2.2.37): InfoType, FileInfoClass, OutputBufferLength, the input buffer
/// (an SMB2_QUERY_QUOTA_INFO or an EA list) with its offset and length, AdditionalInformation,
/// Flags, FileId. Natural layout: InputBufferOffset is the start of Buffer (104), or 0 when the
/// input is empty (2.2.37: SHOULD be 0). Windows clients follow an empty input with one zero byte
/// (&lt;68&gt;): on the wire that byte is padding (<see cref="Smb2Message.Padding"/>).
/// </summary>
public sealed class QueryInfoRequest : IMessageBody<QueryInfoRequest>
{
    private const string Name = "QUERY_INFO Request";
    private const string Clause = "2.2.37";
    public const ushort DefaultStructureSize = 41;
    private const int FixedLength = 40;
    private const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.QueryInfo;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public InfoType InfoType { get; set; } = InfoType.File;

    /// <summary>A <see cref="FileInformationClass"/> or <see cref="FileSystemInformationClass"/> value, 0 for security and quota.</summary>
    public byte FileInfoClass { get; set; }

    public uint OutputBufferLength { get; set; } = 65536;
    public ushort Reserved { get; set; }

    /// <summary>For security queries, a <see cref="SecurityInformation"/> value.</summary>
    public uint AdditionalInformation { get; set; }

    public QueryInfoFlags Flags { get; set; }
    public FileId FileId { get; set; }
    public ReadOnlyMemory<byte> InputBuffer { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? InputBufferOffset { get; set; }
    public uint? InputBufferLength { get; set; }

    public int Size => FixedLength + InputBuffer.Length;

    /// <summary>A file information query (SMB2_0_INFO_FILE).</summary>
    public static QueryInfoRequest ForFile(FileId fileId, FileInformationClass infoClass) =>
        new() { FileId = fileId, InfoType = InfoType.File, FileInfoClass = (byte)infoClass };

    /// <summary>An underlying object store query (SMB2_0_INFO_FILESYSTEM).</summary>
    public static QueryInfoRequest ForFileSystem(FileId fileId, FileSystemInformationClass infoClass) =>
        new() { FileId = fileId, InfoType = InfoType.FileSystem, FileInfoClass = (byte)infoClass };

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, (byte)InfoType);
        destination.U8(3, FileInfoClass);
        destination.U32(4, OutputBufferLength);
        destination.U16(8, InputBufferOffset ?? (ushort)(InputBuffer.IsEmpty ? 0 : BufferOffset));
        destination.U16(10, Reserved);
        destination.U32(12, InputBufferLength ?? (uint)InputBuffer.Length);
        destination.U32(16, AdditionalInformation);
        destination.U32(20, (uint)Flags);
        FileId.WriteTo(destination[24..]);
        destination.Bytes(FixedLength, InputBuffer.Span);
    }

    public static DecodeResult<QueryInfoRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var body = Smb2Header.Size;
        var inputOffset = span.U16(body + 8);
        var inputLength = span.U32(body + 12);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "InputBufferOffset", inputOffset, inputLength, BufferOffset);
        if (error is not null)
        {
            return error with { Offset = body + 8 };
        }
        var naturalOffset = inputLength == 0 ? 0 : BufferOffset;
        return new QueryInfoRequest
        {
            InfoType = (InfoType)span.U8(body + 2),
            FileInfoClass = span.U8(body + 3),
            OutputBufferLength = span.U32(body + 4),
            Reserved = span.U16(body + 10),
            AdditionalInformation = span.U32(body + 16),
            Flags = (QueryInfoFlags)span.U32(body + 20),
            FileId = FileId.Read(span[(body + 24)..]),
            InputBuffer = inputLength == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(inputOffset, (int)inputLength),
            // Keep an offset that differs from what the writer computes, so re-encoding is faithful.
            InputBufferOffset = inputOffset == naturalOffset ? null : inputOffset,
        };
    }

    public override string ToString() => $"QUERY_INFO Request {InfoType} class {FileInfoClass}";
}
