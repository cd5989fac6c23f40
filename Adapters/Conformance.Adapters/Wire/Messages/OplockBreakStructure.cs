namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// The 24-byte layout shared by the Oplock Break Notification, Acknowledgment and Response
/// (2.2.23.1, 2.2.24.1, 2.2.25.1): StructureSize, OplockLevel, Reserved, Reserved2, FileId.
/// </summary>
public abstract class OplockBreakStructure : IOplockBreakBody
{
    public const ushort DefaultStructureSize = 24;
    public const int FixedLength = 24;

    public Smb2Command Command => Smb2Command.OplockBreak;
    public abstract OplockBreakForm Form { get; }

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>NONE or II (a break never leaves a client with more).</summary>
    public OplockLevel OplockLevel { get; set; }
    public byte Reserved { get; set; }
    public uint Reserved2 { get; set; }
    public FileId FileId { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, (byte)OplockLevel);
        destination.U8(3, Reserved);
        destination.U32(4, Reserved2);
        FileId.WriteTo(destination[8..]);
    }

    /// <summary>Checks the fixed part, then fills <paramref name="target"/>.</summary>
    protected static DecodeResult<T> ReadInto<T>(ReadOnlySpan<byte> message, string messageName, string clause, T target) where T : OplockBreakStructure
    {
        var error = BodyChecks.FixedPart(message, messageName, clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        target.OplockLevel = (OplockLevel)message.U8(body + 2);
        target.Reserved = message.U8(body + 3);
        target.Reserved2 = message.U32(body + 4);
        target.FileId = FileId.Read(message[(body + 8)..]);
        return target;
    }

    public override string ToString() => $"{Form} {FileId} {OplockLevel}";
}
