namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 LOCK Request (2.2.26). StructureSize is 48, the size with one lock element, whatever
/// the count. The 32-bit LockSequence is split as the current MS-SMB2 2.2.26 gives it:
/// LockSequenceNumber in the low 4 bits, LockSequenceIndex in the high 28 (reserved in 2.0.2).
/// </summary>
public sealed class LockRequest : IMessageBody<LockRequest>
{
    private const string MessageName = "LOCK Request";
    private const string Clause = "2.2.26";
    public const ushort DefaultStructureSize = 48;
    public const int FixedLength = 24;

    public Smb2Command Command => Smb2Command.Lock;

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>0 to 15.</summary>
    public byte LockSequenceNumber { get; set; }

    /// <summary>0 to 2^28 - 1; 0 is reserved (the server then skips lock sequence checks).</summary>
    public uint LockSequenceIndex { get; set; }
    public FileId FileId { get; set; }
    public List<LockElement> Locks { get; set; } = [];

    /// <summary>Override: null writes Locks.Count.</summary>
    public ushort? LockCount { get; set; }

    /// <summary>The field as it stands on the wire.</summary>
    public uint LockSequence
    {
        get => (uint)(LockSequenceNumber & 0x0F) | (LockSequenceIndex << 4);
        set
        {
            LockSequenceNumber = (byte)(value & 0x0F);
            LockSequenceIndex = value >> 4;
        }
    }

    public int Size => FixedLength + Locks.Count * LockElement.Size;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, LockCount ?? (ushort)Locks.Count);
        destination.U32(4, LockSequence);
        FileId.WriteTo(destination[8..]);
        for (var i = 0; i < Locks.Count; i++)
        {
            Locks[i].WriteTo(destination[(FixedLength + i * LockElement.Size)..]);
        }
    }

    public static DecodeResult<LockRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var lockCount = span.U16(body + 2);
        var locksEnd = body + FixedLength + lockCount * LockElement.Size;
        if (locksEnd > span.Length)
        {
            return new DecodeError(MessageName, "LockCount", Clause, $"{lockCount} lock elements need {lockCount * LockElement.Size} bytes, the message has {span.Length - body - FixedLength} after the fixed part", body + 2);
        }
        var locks = new List<LockElement>(lockCount);
        for (var i = 0; i < lockCount; i++)
        {
            locks.Add(LockElement.Read(span[(body + FixedLength + i * LockElement.Size)..]));
        }
        return new LockRequest
        {
            LockSequence = span.U32(body + 4),
            FileId = FileId.Read(span[(body + 8)..]),
            Locks = locks,
        };
    }

    public override string ToString() => $"LOCK Request {FileId} {Locks.Count} lock(s) seq={LockSequenceNumber}/{LockSequenceIndex}";
}
