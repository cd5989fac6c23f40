namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_BASIC_INFORMATION (MS-FSCC 2.4 FileBasicInformation): the four times (in SET_INFO, 0 leaves a time unchanged and -1 stops its automatic update), FileAttributes, Reserved; 40 bytes.</summary>
public sealed class FileBasicInformation : IInfoClass<FileBasicInformation>
{
    private const string Name = "FILE_BASIC_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileBasicInformation";
    public const int FixedLength = 40;

    public long CreationTime { get; set; }
    public long LastAccessTime { get; set; }
    public long LastWriteTime { get; set; }
    public long ChangeTime { get; set; }
    public uint FileAttributes { get; set; }
    public uint Reserved { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)CreationTime);
        destination.U64(8, (ulong)LastAccessTime);
        destination.U64(16, (ulong)LastWriteTime);
        destination.U64(24, (ulong)ChangeTime);
        destination.U32(32, FileAttributes);
        destination.U32(36, Reserved);
    }

    public static DecodeResult<FileBasicInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileBasicInformation
        {
            CreationTime = (long)span.U64(0),
            LastAccessTime = (long)span.U64(8),
            LastWriteTime = (long)span.U64(16),
            ChangeTime = (long)span.U64(24),
            FileAttributes = span.U32(32),
            Reserved = span.U32(36),
        };
    }

    public override string ToString() => "FileBasicInformation";
}
