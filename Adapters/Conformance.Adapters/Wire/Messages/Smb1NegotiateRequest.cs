using System.Text;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// The SMB1 multi-protocol SMB_COM_NEGOTIATE request a server must recognise before any SMB2
/// message (MS-SMB2 3.3.5.3; MS-SMB 2.2.4.5.1 with the header of MS-SMB 2.2.3.1 / MS-CIFS 2.2.3.1,
/// body of MS-CIFS 2.2.4.52.1). Layout: the 32-byte SMB_Header (Protocol 0xFF 'SMB', Command 0x72,
/// Status, Flags, Flags2, PIDHigh, SecurityFeatures, Reserved, TID, PIDLow, UID, MID), WordCount
/// (MUST be 0), the parameter words, ByteCount, then the dialect list. Not an SMB2 body: it is a
/// whole message (without the Direct-TCP prefix). Every field can be set to any value.
/// </summary>
public sealed class Smb1NegotiateRequest
{
    private const string Name = "SMB_COM_NEGOTIATE Request";
    private const string Clause = "MS-CIFS 2.2.4.52.1";
    private const string HeaderClause = "MS-CIFS 2.2.3.1";
    public const int HeaderSize = 32;
    public const uint Smb1ProtocolId = 0x424D53FF; // 0xFF 'S' 'M' 'B' read as little-endian
    public const byte SmbComNegotiate = 0x72;

    /// <summary>SMB_FLAGS_CASE_INSENSITIVE (0x08) | SMB_FLAGS_CANONICALIZED_PATHS (0x10).</summary>
    public const byte DefaultFlags = 0x18;

    /// <summary>SMB_FLAGS2_UNICODE (0x8000) | NT_STATUS (0x4000) | EXTENDED_SECURITY (0x0800) | LONG_NAMES (0x0001).</summary>
    public const ushort DefaultFlags2 = 0xC801;

    /// <summary>OEM strings, read and written byte for byte.</summary>
    private static readonly Encoding Oem = Encoding.Latin1;

    public uint Protocol { get; set; } = Smb1ProtocolId;
    public byte Command { get; set; } = SmbComNegotiate;
    public uint Status { get; set; }
    public byte Flags { get; set; } = DefaultFlags;
    public ushort Flags2 { get; set; } = DefaultFlags2;
    public ushort PIDHigh { get; set; }

    /// <summary>8 bytes; a shorter array is zero-filled on the wire, a longer one cut.</summary>
    public byte[] SecurityFeatures { get; set; } = new byte[8];

    public ushort Reserved { get; set; }
    public ushort TID { get; set; }
    public ushort PIDLow { get; set; }
    public ushort UID { get; set; }
    public ushort MID { get; set; }

    /// <summary>Parameter words: none in a valid request (WordCount MUST be 0).</summary>
    public ReadOnlyMemory<byte> Words { get; set; }

    public List<Smb1Dialect> Dialects { get; set; } = ["NT LM 0.12", "SMB 2.002", "SMB 2.???"];

    /// <summary>Overrides: null writes the computed value.</summary>
    public byte? WordCount { get; set; }
    public ushort? ByteCount { get; set; }

    private int DialectBytes => Dialects.Sum(dialect => 1 + Oem.GetByteCount(dialect.DialectString) + 1);

    public int Size => HeaderSize + 1 + Words.Length + 2 + DialectBytes;

    /// <summary>The dialect strings, in the order sent (least to most preferred).</summary>
    public IEnumerable<string> DialectStrings => Dialects.Select(dialect => dialect.DialectString);

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, Protocol);
        destination.U8(4, Command);
        destination.U32(5, Status);
        destination.U8(9, Flags);
        destination.U16(10, Flags2);
        destination.U16(12, PIDHigh);
        var securityFeatures = destination.Slice(14, 8);
        securityFeatures.Clear();
        SecurityFeatures.AsSpan(0, Math.Min(SecurityFeatures.Length, 8)).CopyTo(securityFeatures);
        destination.U16(22, Reserved);
        destination.U16(24, TID);
        destination.U16(26, PIDLow);
        destination.U16(28, UID);
        destination.U16(30, MID);
        destination.U8(HeaderSize, WordCount ?? (byte)(Words.Length / 2));
        destination.Bytes(HeaderSize + 1, Words.Span);
        var position = HeaderSize + 1 + Words.Length;
        destination.U16(position, ByteCount ?? (ushort)DialectBytes);
        position += 2;
        foreach (var dialect in Dialects)
        {
            destination.U8(position++, dialect.BufferFormat);
            position += Oem.GetBytes(dialect.DialectString, destination[position..]);
            destination.U8(position++, 0);
        }
    }

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Reads a whole SMB1 message. Fails unless it starts with 0xFF 'SMB' and Command 0x72, and every
    /// length (WordCount, ByteCount, each DialectString's terminator) lies within the message. Bytes
    /// after ByteCount's data are not part of the request.
    /// </summary>
    public static DecodeResult<Smb1NegotiateRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        if (span.Length < 4)
        {
            return new DecodeError(Name, "Protocol", HeaderClause, $"message is {span.Length} bytes, shorter than the 4-byte Protocol");
        }
        var protocol = span.U32(0);
        if (protocol != Smb1ProtocolId)
        {
            return new DecodeError(Name, "Protocol", HeaderClause, $"expected 0x{Smb1ProtocolId:X8} (0xFF 'SMB'), got 0x{protocol:X8}", 0);
        }
        if (span.Length < HeaderSize + 1)
        {
            return new DecodeError(Name, "(header)", HeaderClause, $"message is {span.Length} bytes, shorter than the {HeaderSize}-byte SMB_Header and WordCount");
        }
        if (span.U8(4) != SmbComNegotiate)
        {
            return new DecodeError(Name, "Command", HeaderClause, $"expected SMB_COM_NEGOTIATE (0x72), got 0x{span.U8(4):X2}", 4);
        }
        var wordCount = span.U8(HeaderSize);
        var byteCountOffset = HeaderSize + 1 + 2 * wordCount;
        if (byteCountOffset + 2 > span.Length)
        {
            return new DecodeError(Name, "WordCount", Clause, $"{wordCount} parameter words leave no room for ByteCount in the {span.Length}-byte message", HeaderSize);
        }
        var byteCount = span.U16(byteCountOffset);
        var bytesStart = byteCountOffset + 2;
        if (bytesStart + byteCount > span.Length)
        {
            return new DecodeError(Name, "ByteCount", Clause, $"{byteCount} bytes of dialects run past the {span.Length}-byte message", byteCountOffset);
        }
        var dialects = new List<Smb1Dialect>();
        var bytes = span.Slice(bytesStart, byteCount);
        var position = 0;
        while (position < bytes.Length)
        {
            var bufferFormat = bytes[position];
            var terminator = bytes[(position + 1)..].IndexOf((byte)0);
            if (terminator < 0)
            {
                return new DecodeError(Name, $"Dialects[{dialects.Count}].DialectString", Clause, "no null terminator before ByteCount's end", bytesStart + position + 1);
            }
            dialects.Add(new Smb1Dialect(Oem.GetString(bytes.Slice(position + 1, terminator)), bufferFormat));
            position += 1 + terminator + 1;
        }
        var request = new Smb1NegotiateRequest
        {
            Status = span.U32(5),
            Flags = span.U8(9),
            Flags2 = span.U16(10),
            PIDHigh = span.U16(12),
            SecurityFeatures = span.Slice(14, 8).ToArray(),
            Reserved = span.U16(22),
            TID = span.U16(24),
            PIDLow = span.U16(26),
            UID = span.U16(28),
            MID = span.U16(30),
            Words = message.Slice(HeaderSize + 1, 2 * wordCount),
            Dialects = dialects,
        };
        return request;
    }

    public override string ToString() => $"SMB_COM_NEGOTIATE [{string.Join(", ", DialectStrings.Select(dialect => '"' + dialect + '"'))}]";
}
