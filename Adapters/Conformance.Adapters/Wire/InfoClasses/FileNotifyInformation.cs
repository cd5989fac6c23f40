namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// FILE_NOTIFY_INFORMATION (MS-FSCC 2.7.1): NextEntryOffset, Action, FileNameLength, FileName. A
/// CHANGE_NOTIFY response buffer is a list of them; NextEntryOffset is a multiple of 4 and the name
/// is padded to a 4-byte boundary.
/// </summary>
public sealed class FileNotifyInformation : IChainedEntry<FileNotifyInformation>
{
    private const string Name = "FILE_NOTIFY_INFORMATION";
    private const string ClauseName = "MS-FSCC 2.7.1";
    private const int FixedLength = 12;

    public uint? NextEntryOffset { get; set; }
    public ReadOnlyMemory<byte>? Padding { get; set; }
    public FileNotifyAction Action { get; set; }
    public string FileName { get; set; } = "";

    /// <summary>Null: the name's byte count.</summary>
    public uint? FileNameLength { get; set; }

    public int Size => FixedLength + FileName.Length * 2;

    public static string StructureName => Name;
    public static string Clause => ClauseName;
    public static int Alignment => 4;
    public static bool PadsLastEntry => true;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(4, (uint)Action);
        destination.U32(8, FileNameLength ?? (uint)(FileName.Length * 2));
        destination.Utf16(FixedLength, FileName);
    }

    public static DecodeResult<FileNotifyInformation> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var error = InfoChecks.FixedPart(span, Name, ClauseName, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var nameLength = span.U32(8);
        error = InfoChecks.Name(span, Name, ClauseName, "FileNameLength", FixedLength, nameLength, 8);
        if (error is not null)
        {
            return error;
        }
        return new FileNotifyInformation { Action = (FileNotifyAction)span.U32(4), FileName = span.Utf16(FixedLength, (int)nameLength) };
    }

    public override string ToString() => $"FileNotifyInformation {Action} {FileName}";
}
