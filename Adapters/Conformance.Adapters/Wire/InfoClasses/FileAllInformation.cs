namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// FILE_ALL_INFORMATION (MS-FSCC 2.4 FileAllInformation): the basic, standard, internal, EA, access,
/// position, mode, alignment and name information, one after the other with no padding (100 fixed
/// bytes, then the name).
/// </summary>
public sealed class FileAllInformation : IInfoClass<FileAllInformation>
{
    private const string Name = "FILE_ALL_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileAllInformation";
    private const int StandardOffset = 40;
    private const int InternalOffset = 64;
    private const int EaOffset = 72;
    private const int AccessOffset = 76;
    private const int PositionOffset = 80;
    private const int ModeOffset = 88;
    private const int AlignmentOffset = 92;
    private const int NameOffset = 96;

    public FileBasicInformation BasicInformation { get; set; } = new();
    public FileStandardInformation StandardInformation { get; set; } = new();
    public FileInternalInformation InternalInformation { get; set; } = new();
    public FileEaInformation EaInformation { get; set; } = new();
    public FileAccessInformation AccessInformation { get; set; } = new();
    public FilePositionInformation PositionInformation { get; set; } = new();
    public FileModeInformation ModeInformation { get; set; } = new();
    public FileAlignmentInformation AlignmentInformation { get; set; } = new();
    public FileNameInformation NameInformation { get; set; } = new();

    public int Size => NameOffset + NameInformation.Size;

    public void WriteTo(Span<byte> destination)
    {
        BasicInformation.WriteTo(destination[..StandardOffset]);
        StandardInformation.WriteTo(destination[StandardOffset..InternalOffset]);
        InternalInformation.WriteTo(destination[InternalOffset..EaOffset]);
        EaInformation.WriteTo(destination[EaOffset..AccessOffset]);
        AccessInformation.WriteTo(destination[AccessOffset..PositionOffset]);
        PositionInformation.WriteTo(destination[PositionOffset..ModeOffset]);
        ModeInformation.WriteTo(destination[ModeOffset..AlignmentOffset]);
        AlignmentInformation.WriteTo(destination[AlignmentOffset..NameOffset]);
        NameInformation.WriteTo(destination[NameOffset..]);
    }

    public static DecodeResult<FileAllInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var error = InfoChecks.FixedPart(buffer.Span, Name, Clause, NameOffset + FileNameInformation.FixedLength);
        if (error is not null)
        {
            return error;
        }
        // The fixed-size parts cannot fail once the fixed part is present; only the name can.
        var name = FileNameInformation.Read(buffer[NameOffset..]);
        if (!name.IsSuccess)
        {
            return name.Error with { MessageName = $"{Name}.NameInformation: {name.Error.MessageName}", Offset = NameOffset + Math.Max(name.Error.Offset, 0) };
        }
        return new FileAllInformation
        {
            BasicInformation = FileBasicInformation.Read(buffer).Unwrap(),
            StandardInformation = FileStandardInformation.Read(buffer[StandardOffset..]).Unwrap(),
            InternalInformation = FileInternalInformation.Read(buffer[InternalOffset..]).Unwrap(),
            EaInformation = FileEaInformation.Read(buffer[EaOffset..]).Unwrap(),
            AccessInformation = FileAccessInformation.Read(buffer[AccessOffset..]).Unwrap(),
            PositionInformation = FilePositionInformation.Read(buffer[PositionOffset..]).Unwrap(),
            ModeInformation = FileModeInformation.Read(buffer[ModeOffset..]).Unwrap(),
            AlignmentInformation = FileAlignmentInformation.Read(buffer[AlignmentOffset..]).Unwrap(),
            NameInformation = name.Value,
        };
    }

    public override string ToString() => $"FileAllInformation {NameInformation.FileName}";
}
