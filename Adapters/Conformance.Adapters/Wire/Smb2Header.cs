using System.Buffers.Binary;

namespace Conformance.Adapters.Wire;

/// <summary>
/// The 64-byte SMB2 packet header (2.2.1), in its ASYNC (2.2.1.1) or SYNC (2.2.1.2) form as
/// <see cref="Smb2HeaderFlags.AsyncCommand"/> selects. Every field is settable, including
/// <see cref="ProtocolId"/> and <see cref="StructureSize"/>, so a scenario can send a wrong one.
/// </summary>
public sealed class Smb2Header
{
    public const int Size = 64;
    public const uint Smb2ProtocolId = 0x424D53FE; // 0xFE 'S' 'M' 'B' read as little-endian
    public const int SignatureOffset = 48;
    public const int SignatureLength = 16;
    private const string Clause = "2.2.1";

    public uint ProtocolId { get; set; } = Smb2ProtocolId;
    public ushort StructureSize { get; set; } = Size;
    public ushort CreditCharge { get; set; }

    /// <summary>
    /// Status in a response. In a request of dialect 3.x this field is ChannelSequence (low 16 bits)
    /// followed by Reserved (2.2.1.2); <see cref="ChannelSequence"/> reads and writes that half.
    /// </summary>
    public uint Status { get; set; }

    public ushort ChannelSequence
    {
        get => (ushort)(Status & 0xFFFF);
        set => Status = (Status & 0xFFFF0000) | value;
    }

    public Smb2Command Command { get; set; }

    /// <summary>CreditRequest in a request, CreditResponse in a response (one field on the wire).</summary>
    public ushort CreditRequestResponse { get; set; }

    public Smb2HeaderFlags Flags { get; set; }
    public uint NextCommand { get; set; }
    public ulong MessageId { get; set; }

    /// <summary>ASYNC form only (2.2.1.1).</summary>
    public ulong AsyncId { get; set; }

    /// <summary>SYNC form only (2.2.1.2): the Reserved field, which clients historically fill with a process id.</summary>
    public uint Reserved { get; set; }

    /// <summary>SYNC form only (2.2.1.2).</summary>
    public uint TreeId { get; set; }

    public ulong SessionId { get; set; }

    /// <summary>16 bytes; a shorter array is zero-filled on the wire, a longer one cut.</summary>
    public byte[] Signature { get; set; } = new byte[SignatureLength];

    public bool IsAsync => (Flags & Smb2HeaderFlags.AsyncCommand) != 0;
    public bool IsResponse => (Flags & Smb2HeaderFlags.ServerToRedir) != 0;
    public bool IsSigned => (Flags & Smb2HeaderFlags.Signed) != 0;
    public bool IsReplayOperation => (Flags & Smb2HeaderFlags.ReplayOperation) != 0;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, ProtocolId);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], StructureSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], CreditCharge);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Status);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[12..], (ushort)Command);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[14..], CreditRequestResponse);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], (uint)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], NextCommand);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], MessageId);
        if (IsAsync)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], AsyncId);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[32..], Reserved);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], TreeId);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], SessionId);
        var signature = destination.Slice(SignatureOffset, SignatureLength);
        signature.Clear();
        Signature.AsSpan(0, Math.Min(Signature.Length, SignatureLength)).CopyTo(signature);
    }

    /// <summary>Reads and validates the header at the start of <paramref name="message"/>.</summary>
    public static DecodeResult<Smb2Header> Read(ReadOnlySpan<byte> message)
    {
        if (message.Length < Size)
        {
            return new DecodeError("SMB2 header", "StructureSize", Clause, $"message is {message.Length} bytes, shorter than the {Size}-byte header");
        }
        var protocolId = BinaryPrimitives.ReadUInt32LittleEndian(message);
        if (protocolId != Smb2ProtocolId)
        {
            return new DecodeError("SMB2 header", "ProtocolId", Clause, $"expected 0x{Smb2ProtocolId:X8} (0xFE 'SMB'), got 0x{protocolId:X8}", 0);
        }
        var structureSize = BinaryPrimitives.ReadUInt16LittleEndian(message[4..]);
        if (structureSize != Size)
        {
            return new DecodeError("SMB2 header", "StructureSize", Clause, $"expected {Size}, got {structureSize}", 4);
        }
        var header = new Smb2Header
        {
            ProtocolId = protocolId,
            StructureSize = structureSize,
            CreditCharge = BinaryPrimitives.ReadUInt16LittleEndian(message[6..]),
            Status = BinaryPrimitives.ReadUInt32LittleEndian(message[8..]),
            Command = (Smb2Command)BinaryPrimitives.ReadUInt16LittleEndian(message[12..]),
            CreditRequestResponse = BinaryPrimitives.ReadUInt16LittleEndian(message[14..]),
            Flags = (Smb2HeaderFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[16..]),
            NextCommand = BinaryPrimitives.ReadUInt32LittleEndian(message[20..]),
            MessageId = BinaryPrimitives.ReadUInt64LittleEndian(message[24..]),
            SessionId = BinaryPrimitives.ReadUInt64LittleEndian(message[40..]),
            Signature = message.Slice(SignatureOffset, SignatureLength).ToArray(),
        };
        if (header.IsAsync)
        {
            header.AsyncId = BinaryPrimitives.ReadUInt64LittleEndian(message[32..]);
        }
        else
        {
            header.Reserved = BinaryPrimitives.ReadUInt32LittleEndian(message[32..]);
            header.TreeId = BinaryPrimitives.ReadUInt32LittleEndian(message[36..]);
        }
        return header;
    }

    public Smb2Header Clone()
    {
        var copy = (Smb2Header)MemberwiseClone();
        copy.Signature = (byte[])Signature.Clone();
        return copy;
    }

    public override string ToString() =>
        $"{(IsResponse ? "R" : "C")} {Command} MID={MessageId} " +
        (IsAsync ? $"AsyncId=0x{AsyncId:X}" : $"TID=0x{TreeId:X}") +
        $" SID=0x{SessionId:X} Flags={Flags} Credits={CreditRequestResponse}" +
        (IsResponse ? $" Status={NtStatus.Describe(Status)}" : "");
}
