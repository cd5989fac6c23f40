namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// FILE_STREAM_INFORMATION (MS-FSCC 2.4 FileStreamInformation): NextEntryOffset, StreamNameLength,
/// StreamSize, StreamAllocationSize, StreamName ("::$DATA", ":name:$DATA"). The QUERY_INFO buffer is
/// a list of them, 8-byte aligned (<see cref="ChainedEntries"/>).
/// </summary>
public sealed class FileStreamInformation : IChainedEntry<FileStreamInformation>
{
    private const string Name = "FILE_STREAM_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.4 FileStreamInformation";
    private const int FixedLength = 24;

    public uint? NextEntryOffset { get; set; }
    public ReadOnlyMemory<byte>? Padding { get; set; }
    public long StreamSize { get; set; }
    public long StreamAllocationSize { get; set; }
    public string StreamName { get; set; } = "";

    /// <summary>Null: the name's byte count.</summary>
    public uint? StreamNameLength { get; set; }

    public int Size => FixedLength + StreamName.Length * 2;

    public static string StructureName => Name;
    public static string Clause => ClauseName;
    public static int Alignment => 8;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(4, StreamNameLength ?? (uint)(StreamName.Length * 2));
        destination.U64(8, (ulong)StreamSize);
        destination.U64(16, (ulong)StreamAllocationSize);
        destination.Utf16(FixedLength, StreamName);
    }

    public static DecodeResult<FileStreamInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var error = InfoChecks.FixedPart(span, Name, ClauseName, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var nameLength = span.U32(4);
        error = InfoChecks.Name(span, Name, ClauseName, "StreamNameLength", FixedLength, nameLength, 4);
        if (error is not null)
        {
            return error;
        }
        return new FileStreamInformation
        {
            StreamSize = (long)span.U64(8),
            StreamAllocationSize = (long)span.U64(16),
            StreamName = span.Utf16(FixedLength, (int)nameLength),
        };
    }

    public override string ToString() => $"FileStreamInformation {StreamName} {StreamSize}";
}
