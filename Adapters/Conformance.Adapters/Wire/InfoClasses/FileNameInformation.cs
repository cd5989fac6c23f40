namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_NAME_INFORMATION (MS-FSCC 2.4 FileNameInformation): FileNameLength, FileName.</summary>
public sealed class FileNameInformation : IInfoClass<FileNameInformation>
{
    private const string Name = "FILE_NAME_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileNameInformation";
    public const int FixedLength = 4;

    /// <summary>Null: the name's byte count.</summary>
    public uint? FileNameLength { get; set; }
    public string FileName { get; set; } = "";

    public int Size => FixedLength + FileName.Length * 2;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, FileNameLength ?? (uint)(FileName.Length * 2));
        destination.Utf16(FixedLength, FileName);
    }

    public static DecodeResult<FileNameInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var nameLength = span.U32(0);
        error = InfoChecks.Name(span, Name, Clause, "FileNameLength", FixedLength, nameLength, 0);
        if (error is not null)
        {
            return error;
        }
        return new FileNameInformation
        {
            FileName = span.Utf16(FixedLength, (int)nameLength),
        };
    }

    public override string ToString() => $"FileNameInformation {FileName}";
}
