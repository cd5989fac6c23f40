namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_NETWORK_OPEN_INFORMATION (MS-FSCC 2.4 FileNetworkOpenInformation): the four times, AllocationSize, EndOfFile, FileAttributes, Reserved; 56 bytes.</summary>
public sealed class FileNetworkOpenInformation : IInfoClass<FileNetworkOpenInformation>
{
    private const string Name = "FILE_NETWORK_OPEN_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileNetworkOpenInformation";
    public const int FixedLength = 56;

    public long CreationTime { get; set; }
    public long LastAccessTime { get; set; }
    public long LastWriteTime { get; set; }
    public long ChangeTime { get; set; }
    public long AllocationSize { get; set; }
    public long EndOfFile { get; set; }
    public uint FileAttributes { get; set; }
    public uint Reserved { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)CreationTime);
        destination.U64(8, (ulong)LastAccessTime);
        destination.U64(16, (ulong)LastWriteTime);
        destination.U64(24, (ulong)ChangeTime);
        destination.U64(32, (ulong)AllocationSize);
        destination.U64(40, (ulong)EndOfFile);
        destination.U32(48, FileAttributes);
        destination.U32(52, Reserved);
    }

    public static DecodeResult<FileNetworkOpenInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileNetworkOpenInformation
        {
            CreationTime = (long)span.U64(0),
            LastAccessTime = (long)span.U64(8),
            LastWriteTime = (long)span.U64(16),
            ChangeTime = (long)span.U64(24),
            AllocationSize = (long)span.U64(32),
            EndOfFile = (long)span.U64(40),
            FileAttributes = span.U32(48),
            Reserved = span.U32(52),
        };
    }

    public override string ToString() => "FileNetworkOpenInformation";
}
