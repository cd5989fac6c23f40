namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_STANDARD_INFORMATION (MS-FSCC 2.4 FileStandardInformation): AllocationSize, EndOfFile, NumberOfLinks, DeletePending, Directory, Reserved; 24 bytes.</summary>
public sealed class FileStandardInformation : IInfoClass<FileStandardInformation>
{
    private const string Name = "FILE_STANDARD_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileStandardInformation";
    public const int FixedLength = 24;

    public long AllocationSize { get; set; }
    public long EndOfFile { get; set; }
    public uint NumberOfLinks { get; set; }
    public bool DeletePending { get; set; }
    public bool Directory { get; set; }
    public ushort Reserved { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U64(0, (ulong)AllocationSize);
        destination.U64(8, (ulong)EndOfFile);
        destination.U32(16, NumberOfLinks);
        destination.U8(20, DeletePending ? (byte)1 : (byte)0);
        destination.U8(21, Directory ? (byte)1 : (byte)0);
        destination.U16(22, Reserved);
    }

    public static DecodeResult<FileStandardInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileStandardInformation
        {
            AllocationSize = (long)span.U64(0),
            EndOfFile = (long)span.U64(8),
            NumberOfLinks = span.U32(16),
            DeletePending = span.U8(20) != 0,
            Directory = span.U8(21) != 0,
            Reserved = span.U16(22),
        };
    }

    public override string ToString() => "FileStandardInformation";
}
