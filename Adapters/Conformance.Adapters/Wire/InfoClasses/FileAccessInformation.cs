namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FILE_ACCESS_INFORMATION (MS-FSCC 2.4 FileAccessInformation): AccessFlags, the access mask granted to the open.</summary>
public sealed class FileAccessInformation : IInfoClass<FileAccessInformation>
{
    private const string Name = "FILE_ACCESS_INFORMATION";
    private const string Clause = "MS-FSCC 2.4 FileAccessInformation";
    public const int FixedLength = 4;

    public uint AccessFlags { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, AccessFlags);
    }

    public static DecodeResult<FileAccessInformation> Read(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        var error = InfoChecks.FixedPart(span, Name, Clause, FixedLength);
        if (error is not null)
        {
            return error;
        }
        return new FileAccessInformation
        {
            AccessFlags = span.U32(0),
        };
    }

    public override string ToString() => "FileAccessInformation";
}
