namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// Symbolic Link Error Response (2.2.2.1 of this spec, 2.2.2.2.1 of the current MS-SMB2): the
/// ErrorData (or, in 3.1.1, the ErrorContextData) of an ERROR Response with
/// STATUS_STOPPED_ON_SYMLINK. Natural layout: 28 fixed bytes, then PathBuffer holding the substitute
/// name followed by the print name (offsets count from PathBuffer's start).
/// </summary>
public sealed class SymbolicLinkErrorResponse
{
    private const string Name = "Symbolic Link Error Response";
    private const string Clause = "2.2.2.2.1";
    public const int FixedLength = 28;
    public const uint DefaultSymLinkErrorTag = 0x4C4D5953;
    public const uint DefaultReparseTag = 0xA000000C;

    /// <summary>The 12 bytes of name offsets, lengths and Flags that ReparseDataLength counts besides PathBuffer.</summary>
    private const int ReparseDataFixedLength = 12;

    public uint SymLinkErrorTag { get; set; } = DefaultSymLinkErrorTag;
    public uint ReparseTag { get; set; } = DefaultReparseTag;
    public ushort UnparsedPathLength { get; set; }
    public SymbolicLinkFlags Flags { get; set; }
    public string SubstituteName { get; set; } = "";
    public string PrintName { get; set; } = "";

    /// <summary>Overrides: null writes the computed value.</summary>
    public uint? SymLinkLength { get; set; }
    public ushort? ReparseDataLength { get; set; }
    public ushort? SubstituteNameOffset { get; set; }
    public ushort? SubstituteNameLength { get; set; }
    public ushort? PrintNameOffset { get; set; }
    public ushort? PrintNameLength { get; set; }

    private int PathBufferLength => 2 * (SubstituteName.Length + PrintName.Length);

    public int Size => FixedLength + PathBufferLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, SymLinkLength ?? (uint)(Size - 4));
        destination.U32(4, SymLinkErrorTag);
        destination.U32(8, ReparseTag);
        destination.U16(12, ReparseDataLength ?? (ushort)(PathBufferLength + ReparseDataFixedLength));
        destination.U16(14, UnparsedPathLength);
        destination.U16(16, SubstituteNameOffset ?? 0);
        destination.U16(18, SubstituteNameLength ?? (ushort)(2 * SubstituteName.Length));
        destination.U16(20, PrintNameOffset ?? (ushort)(2 * SubstituteName.Length));
        destination.U16(22, PrintNameLength ?? (ushort)(2 * PrintName.Length));
        destination.U32(24, (uint)Flags);
        destination.Utf16(FixedLength, SubstituteName);
        destination.Utf16(FixedLength + 2 * SubstituteName.Length, PrintName);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Reads the structure at the start of <paramref name="data"/>, which stands at <paramref name="dataOffset"/> of the message.</summary>
    public static DecodeResult<SymbolicLinkErrorResponse> Read(ReadOnlySpan<byte> data, int dataOffset)
    {
        if (data.Length < FixedLength)
        {
            return new DecodeError(Name, "(fixed part)", Clause, $"{data.Length} bytes of error data, fewer than the {FixedLength}-byte fixed part", dataOffset);
        }
        var symLinkLength = data.U32(0);
        if (symLinkLength < FixedLength - 4 || symLinkLength > data.Length - 4)
        {
            return new DecodeError(Name, "SymLinkLength", Clause, $"{symLinkLength} is not between {FixedLength - 4} and the {data.Length - 4} bytes that follow it", dataOffset);
        }
        var pathBuffer = data[FixedLength..(int)(4 + symLinkLength)];
        var substituteNameOffset = data.U16(16);
        var substituteNameLength = data.U16(18);
        var printNameOffset = data.U16(20);
        var printNameLength = data.U16(22);
        if (substituteNameOffset + substituteNameLength > pathBuffer.Length)
        {
            return new DecodeError(Name, "SubstituteNameOffset", Clause, $"offset {substituteNameOffset} + length {substituteNameLength} runs past the {pathBuffer.Length}-byte PathBuffer", dataOffset + 16);
        }
        if (printNameOffset + printNameLength > pathBuffer.Length)
        {
            return new DecodeError(Name, "PrintNameOffset", Clause, $"offset {printNameOffset} + length {printNameLength} runs past the {pathBuffer.Length}-byte PathBuffer", dataOffset + 20);
        }
        var response = new SymbolicLinkErrorResponse
        {
            SymLinkErrorTag = data.U32(4),
            ReparseTag = data.U32(8),
            UnparsedPathLength = data.U16(14),
            Flags = (SymbolicLinkFlags)data.U32(24),
            SubstituteName = pathBuffer.Utf16(substituteNameOffset, substituteNameLength & ~1),
            PrintName = pathBuffer.Utf16(printNameOffset, printNameLength & ~1),
        };
        // Keep values that differ from what the encoder computes, so re-encoding is faithful.
        var reparseDataLength = data.U16(12);
        if (symLinkLength != response.Size - 4)
        {
            response.SymLinkLength = symLinkLength;
        }
        if (reparseDataLength != response.PathBufferLength + ReparseDataFixedLength)
        {
            response.ReparseDataLength = reparseDataLength;
        }
        if (substituteNameOffset != 0)
        {
            response.SubstituteNameOffset = substituteNameOffset;
        }
        if ((substituteNameLength & 1) != 0)
        {
            response.SubstituteNameLength = substituteNameLength;
        }
        if (printNameOffset != 2 * response.SubstituteName.Length)
        {
            response.PrintNameOffset = printNameOffset;
        }
        if ((printNameLength & 1) != 0)
        {
            response.PrintNameLength = printNameLength;
        }
        return response;
    }

    public override string ToString() => $"symbolic link to {SubstituteName} ({PrintName}), {Flags}, unparsed {UnparsedPathLength} bytes";
}
