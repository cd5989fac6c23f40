using System.Buffers.Binary;

namespace Conformance.Adapters.Wire;

/// <summary>
/// The 52-byte SMB2 TRANSFORM_HEADER (2.2.41) that precedes an encrypted message. Every field is
/// settable so a scenario can send a wrong one. The AEAD's associated data is the header from
/// <see cref="Nonce"/> on (<see cref="AssociatedDataOffset"/>, 32 bytes); its tag is <see cref="Signature"/>.
/// </summary>
public sealed class TransformHeader
{
    public const int Size = 52;
    public const uint TransformProtocolId = 0x424D53FD; // 0xFD 'S' 'M' 'B' read as little-endian
    public const int SignatureOffset = 4;
    public const int SignatureLength = 16;
    public const int NonceOffset = 20;
    public const int NonceLength = 16;
    public const int AssociatedDataOffset = NonceOffset;
    public const int AssociatedDataLength = Size - AssociatedDataOffset;

    /// <summary>
    /// Flags value 0x0001: the message is encrypted with the negotiated cipher (3.1.1); in 3.0 and
    /// 3.0.2 the same field is EncryptionAlgorithm and 0x0001 is SMB2_ENCRYPTION_AES128_CCM.
    /// </summary>
    public const ushort Encrypted = 0x0001;

    private const string Name = "SMB2 TRANSFORM_HEADER";
    private const string Clause = "2.2.41";

    public uint ProtocolId { get; set; } = TransformProtocolId;

    /// <summary>16 bytes; a shorter array is zero-filled on the wire, a longer one cut.</summary>
    public byte[] Signature { get; set; } = new byte[SignatureLength];

    /// <summary>16 bytes, of which CCM uses the first 11 and GCM the first 12; the rest is reserved.</summary>
    public byte[] Nonce { get; set; } = new byte[NonceLength];

    public uint OriginalMessageSize { get; set; }
    public ushort Reserved { get; set; }

    /// <summary>Flags (3.1.1) or EncryptionAlgorithm (3.0, 3.0.2): one field on the wire.</summary>
    public ushort Flags { get; set; } = Encrypted;

    public ulong SessionId { get; set; }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, ProtocolId);
        WriteFixed(destination.Slice(SignatureOffset, SignatureLength), Signature);
        WriteFixed(destination.Slice(NonceOffset, NonceLength), Nonce);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], OriginalMessageSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[40..], Reserved);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[42..], Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[44..], SessionId);
    }

    /// <summary>
    /// Reads and validates the header of a whole transformed message (header and encrypted
    /// message), as <see cref="Check"/> describes.
    /// </summary>
    public static DecodeResult<TransformHeader> Read(ReadOnlySpan<byte> transformedMessage)
    {
        var error = Check(transformedMessage);
        if (error is not null)
        {
            return error;
        }
        return new TransformHeader
        {
            ProtocolId = BinaryPrimitives.ReadUInt32LittleEndian(transformedMessage),
            Signature = transformedMessage.Slice(SignatureOffset, SignatureLength).ToArray(),
            Nonce = transformedMessage.Slice(NonceOffset, NonceLength).ToArray(),
            OriginalMessageSize = BinaryPrimitives.ReadUInt32LittleEndian(transformedMessage[36..]),
            Reserved = BinaryPrimitives.ReadUInt16LittleEndian(transformedMessage[40..]),
            Flags = BinaryPrimitives.ReadUInt16LittleEndian(transformedMessage[42..]),
            SessionId = BinaryPrimitives.ReadUInt64LittleEndian(transformedMessage[44..]),
        };
    }

    /// <summary>
    /// Validates a whole transformed message without building a header object: ProtocolId,
    /// Flags/EncryptionAlgorithm equal to 0x0001, and OriginalMessageSize equal to the (non-zero)
    /// number of bytes after the header, since AEAD ciphertext is as long as the plaintext.
    /// Null when valid.
    /// </summary>
    public static DecodeError? Check(ReadOnlySpan<byte> transformedMessage)
    {
        if (transformedMessage.Length < 4)
        {
            return new DecodeError(Name, "ProtocolId", Clause, $"message is {transformedMessage.Length} bytes, shorter than the ProtocolId");
        }
        var protocolId = BinaryPrimitives.ReadUInt32LittleEndian(transformedMessage);
        if (protocolId != TransformProtocolId)
        {
            return new DecodeError(Name, "ProtocolId", Clause, $"expected 0x{TransformProtocolId:X8} (0xFD 'SMB'), got 0x{protocolId:X8}", 0);
        }
        if (transformedMessage.Length < Size)
        {
            return new DecodeError(Name, "(header)", Clause, $"message is {transformedMessage.Length} bytes, shorter than the {Size}-byte header");
        }
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(transformedMessage[42..]);
        if (flags != Encrypted)
        {
            return new DecodeError(Name, "Flags/EncryptionAlgorithm", Clause, $"expected 0x{Encrypted:X4} (encrypted), got 0x{flags:X4}", 42);
        }
        var originalMessageSize = BinaryPrimitives.ReadUInt32LittleEndian(transformedMessage[36..]);
        var following = transformedMessage.Length - Size;
        if (originalMessageSize != following)
        {
            return new DecodeError(Name, "OriginalMessageSize", Clause, $"{originalMessageSize} does not match the {following} encrypted bytes after the header", 36);
        }
        if (originalMessageSize == 0)
        {
            return new DecodeError(Name, "OriginalMessageSize", Clause, "an encrypted message is not empty", 36);
        }
        return null;
    }

    public TransformHeader Clone()
    {
        var copy = (TransformHeader)MemberwiseClone();
        copy.Signature = (byte[])Signature.Clone();
        copy.Nonce = (byte[])Nonce.Clone();
        return copy;
    }

    public override string ToString() =>
        $"TRANSFORM SID=0x{SessionId:X} Size={OriginalMessageSize} Flags=0x{Flags:X4} Nonce={Convert.ToHexString(Nonce)}";

    private static void WriteFixed(Span<byte> field, byte[] value)
    {
        field.Clear();
        value.AsSpan(0, Math.Min(value.Length, field.Length)).CopyTo(field);
    }
}
