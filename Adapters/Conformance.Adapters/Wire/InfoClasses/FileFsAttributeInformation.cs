namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_FS_ATTRIBUTE_INFORMATION (MS-FSCC 2.5 FileFsAttributeInformation): FileSystemAttributes, MaximumComponentNameLength, FileSystemNameLength, FileSystemName ("NTFS").</summary>
public sealed class FileFsAttributeInformation : IInfoClass<FileFsAttributeInformation>
{
    private const string Name = "FILE_FS_ATTRIBUTE_INFORMATION";
    private const string Clause = "MS-FSCC 2.5 FileFsAttributeInformation";
    public const int FixedLength = 12;

    public uint FileSystemAttributes { get; set; }
    public int MaximumComponentNameLength { get; set; }

    /// <summary>Null: the name's byte count.</summary>
    public uint? FileSystemNameLength { get; set; }
    public string FileSystemName { get; set; } = "";

    public int Size => FixedLength + FileSystemName.Length * 2;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, FileSystemAttributes);
        destination.U32(4, (uint)MaximumComponentNameLength);
        destination.U32(8, FileSystemNameLength ?? (uint)(FileSystemName.Length * 2));
        destination.Utf16(FixedLength, FileSystemName);
    }

    public static DecodeResult<FileFsAttributeInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var nameLength = span.U32(8);
        error = InfoChecks.Name(span, Name, Clause, "FileSystemNameLength", FixedLength, nameLength, 8);
        if (error is not null)
        {
            return error;
        }
        return new FileFsAttributeInformation
        {
            FileSystemAttributes = span.U32(0),
            MaximumComponentNameLength = (int)span.U32(4),
            FileSystemName = span.Utf16(FixedLength, (int)nameLength),
        };
    }

    public override string ToString() => $"FileFsAttributeInformation {FileSystemName}";
}
