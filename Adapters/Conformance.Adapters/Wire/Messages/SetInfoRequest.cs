using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 SET_INFO Request (2.2.39): InfoType, FileInfoClass, the buffer with its length and offset,
/// AdditionalInformation, FileId. Natural layout: BufferOffset is the start of Buffer (96).
/// </summary>
public sealed class SetInfoRequest : IMessageBody<SetInfoRequest>
{
    private const string Name = "SET_INFO Request";
    private const string Clause = "2.2.39";
    public const ushort DefaultStructureSize = 33;
    private const int FixedLength = 32;
    private const int NaturalBufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.SetInfo;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public InfoType InfoType { get; set; } = InfoType.File;

    /// <summary>A <see cref="FileInformationClass"/> or <see cref="FileSystemInformationClass"/> value, 0 for security and quota.</summary>
    public byte FileInfoClass { get; set; }

    public ushort Reserved { get; set; }

    /// <summary>For security, a <see cref="SecurityInformation"/> value.</summary>
    public uint AdditionalInformation { get; set; }

    public FileId FileId { get; set; }

    /// <summary>The information to set (e.g. <see cref="FileBasicInformation"/>'s bytes).</summary>
    public ReadOnlyMemory<byte> Buffer { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public uint? BufferLength { get; set; }
    public ushort? BufferOffset { get; set; }

    public int Size => FixedLength + Buffer.Length;

    /// <summary>Sets file information (SMB2_0_INFO_FILE) from a typed structure.</summary>
    public static SetInfoRequest ForFile(FileId fileId, FileInformationClass infoClass, IInfoClass information) =>
        new() { FileId = fileId, InfoType = InfoType.File, FileInfoClass = (byte)infoClass, Buffer = information.ToBytes() };

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, (byte)InfoType);
        destination.U8(3, FileInfoClass);
        destination.U32(4, BufferLength ?? (uint)Buffer.Length);
        destination.U16(8, BufferOffset ?? NaturalBufferOffset);
        destination.U16(10, Reserved);
        destination.U32(12, AdditionalInformation);
        FileId.WriteTo(destination[16..]);
        destination.Bytes(FixedLength, Buffer.Span);
    }

    public static DecodeResult<SetInfoRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var body = Smb2Header.Size;
        var length = span.U32(body + 4);
        var offset = span.U16(body + 8);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "BufferOffset", offset, length, NaturalBufferOffset);
        if (error is not null)
        {
            return error with { Offset = body + 8 };
        }
        return new SetInfoRequest
        {
            InfoType = (InfoType)span.U8(body + 2),
            FileInfoClass = span.U8(body + 3),
            Reserved = span.U16(body + 10),
            AdditionalInformation = span.U32(body + 12),
            FileId = FileId.Read(span[(body + 16)..]),
            Buffer = length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(offset, (int)length),
            // Keep an offset that differs from what the writer computes, so re-encoding is faithful.
            BufferOffset = offset == NaturalBufferOffset ? null : offset,
        };
    }

    public override string ToString() => $"SET_INFO Request {InfoType} class {FileInfoClass}, {Buffer.Length} bytes";
}
