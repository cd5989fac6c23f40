using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 QUERY_DIRECTORY Request (2.2.33): FileInformationClass, Flags, FileIndex, FileId, the
/// search pattern (FileName) and OutputBufferLength. Natural layout: FileNameOffset is the start of
/// Buffer (96), or 0 when there is no pattern (2.2.33: MUST be 0).
/// </summary>
public sealed class QueryDirectoryRequest : IMessageBody<QueryDirectoryRequest>
{
    private const string Name = "QUERY_DIRECTORY Request";
    private const string Clause = "2.2.33";
    public const ushort DefaultStructureSize = 33;
    private const int FixedLength = 32;
    private const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.QueryDirectory;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public FileInformationClass FileInformationClass { get; set; } = FileInformationClass.FileIdBothDirectoryInformation;
    public QueryDirectoryFlags Flags { get; set; }
    public uint FileIndex { get; set; }
    public FileId FileId { get; set; }

    /// <summary>The search pattern ("*"); empty for none.</summary>
    public string FileName { get; set; } = "";

    public uint OutputBufferLength { get; set; } = 65536;

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? FileNameOffset { get; set; }
    public ushort? FileNameLength { get; set; }

    private int FileNameByteCount => FileName.Length * 2;

    public int Size => FixedLength + FileNameByteCount;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, (byte)FileInformationClass);
        destination.U8(3, (byte)Flags);
        destination.U32(4, FileIndex);
        FileId.WriteTo(destination[8..]);
        destination.U16(24, FileNameOffset ?? (ushort)(FileName.Length == 0 ? 0 : BufferOffset));
        destination.U16(26, FileNameLength ?? (ushort)FileNameByteCount);
        destination.U32(28, OutputBufferLength);
        destination.Utf16(FixedLength, FileName);
    }

    public static DecodeResult<QueryDirectoryRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var body = Smb2Header.Size;
        var nameOffset = span.U16(body + 24);
        var nameLength = span.U16(body + 26);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "FileNameOffset", nameOffset, nameLength, BufferOffset);
        if (error is not null)
        {
            return error with { Offset = body + 24 };
        }
        if (nameLength % 2 != 0)
        {
            return new DecodeError(Name, "FileNameLength", Clause, $"{nameLength} is odd, not a whole number of UTF-16 code units", body + 26);
        }
        var naturalOffset = nameLength == 0 ? 0 : BufferOffset;
        return new QueryDirectoryRequest
        {
            FileInformationClass = (FileInformationClass)span.U8(body + 2),
            Flags = (QueryDirectoryFlags)span.U8(body + 3),
            FileIndex = span.U32(body + 4),
            FileId = FileId.Read(span[(body + 8)..]),
            OutputBufferLength = span.U32(body + 28),
            FileName = nameLength == 0 ? "" : span.Utf16(nameOffset, nameLength),
            // Keep an offset that differs from what the writer computes, so re-encoding is faithful.
            FileNameOffset = nameOffset == naturalOffset ? null : nameOffset,
        };
    }

    public override string ToString() => $"QUERY_DIRECTORY Request {FileInformationClass} \"{FileName}\"";
}
