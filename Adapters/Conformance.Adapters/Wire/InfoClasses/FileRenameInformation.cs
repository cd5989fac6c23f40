namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// FILE_RENAME_INFORMATION_TYPE_2 (MS-FSCC 2.4 FileRenameInformation for SMB2; MS-SMB2 2.2.39):
/// ReplaceIfExists, 7 Reserved bytes, an 8-byte RootDirectory (zero for network operations),
/// FileNameLength, FileName, then optional Padding.
/// </summary>
public sealed class FileRenameInformation : IInfoClass<FileRenameInformation>
{
    private const string Name = "FILE_RENAME_INFORMATION_TYPE_2";
    private const string Clause = "MS-FSCC 2.4 FileRenameInformation";
    public const int FixedLength = 20;

    public bool ReplaceIfExists { get; set; }

    /// <summary>The 7 Reserved bytes, little-endian (the top byte of this value is never written).</summary>
    public ulong Reserved { get; set; }

    public ulong RootDirectory { get; set; }

    /// <summary>Null: the name's byte count.</summary>
    public uint? FileNameLength { get; set; }

    /// <summary>The new name, relative to the share root.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Bytes after FileName up to the buffer's end (some clients pad the structure to 8 bytes).</summary>
    public ReadOnlyMemory<byte> Padding { get; set; }

    public int Size => FixedLength + FileName.Length * 2 + Padding.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U8(0, ReplaceIfExists ? (byte)1 : (byte)0);
        for (var i = 0; i < 7; i++)
        {
            destination[1 + i] = (byte)(Reserved >> (8 * i));
        }
        destination.U64(8, RootDirectory);
        destination.U32(16, FileNameLength ?? (uint)(FileName.Length * 2));
        var nameBytes = destination.Utf16(FixedLength, FileName);
        destination.Bytes(FixedLength + nameBytes, Padding.Span);
    }

    /// <summary>Reads the structure; every byte after the name is kept as <see cref="Padding"/>.</summary>
    public static DecodeResult<FileRenameInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var nameLength = span.U32(16);
        error = InfoChecks.Name(span, Name, Clause, "FileNameLength", FixedLength, nameLength, 16);
        if (error is not null)
        {
            return error;
        }
        return new FileRenameInformation
        {
            ReplaceIfExists = span.U8(0) != 0,
            Reserved = span.U64(0) >> 8,
            RootDirectory = span.U64(8),
            FileName = span.Utf16(FixedLength, (int)nameLength),
            Padding = buffer[(FixedLength + (int)nameLength)..],
        };
    }

    public override string ToString() => $"FileRenameInformation {FileName}";
}
