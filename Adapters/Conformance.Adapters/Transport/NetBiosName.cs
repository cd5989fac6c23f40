using System.Text;

namespace Conformance.Adapters.Transport;

/// <summary>
/// A NetBIOS name as a session request carries it (RFC 1001 14.1, RFC 1002 4.1): the name upper-cased
/// and padded with spaces to 15 bytes, a 16th suffix byte (0x20 for a server, 0x00 for a workstation),
/// each of the 16 bytes split into two nibbles written as 'A' + nibble; then the 32-byte label behind
/// its length byte (0x20), and the empty scope (a zero byte): 34 bytes.
/// </summary>
public static class NetBiosName
{
    public const int EncodedSize = 34;
    public const byte ServerSuffix = 0x20;
    public const byte WorkstationSuffix = 0x00;
    private const int NameLength = 15;

    public static byte[] Encode(string name, byte suffix)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > NameLength || !Ascii.IsValid(name))
        {
            throw new ArgumentException($"a NetBIOS name has at most {NameLength} ASCII characters: \"{name}\"", nameof(name));
        }
        Span<byte> raw = stackalloc byte[NameLength + 1];
        raw.Fill((byte)' ');
        Encoding.ASCII.GetBytes(name.ToUpperInvariant(), raw);
        raw[NameLength] = suffix;
        var encoded = new byte[EncodedSize];
        encoded[0] = 0x20;
        for (var i = 0; i < raw.Length; i++)
        {
            encoded[1 + (2 * i)] = (byte)('A' + (raw[i] >> 4));
            encoded[2 + (2 * i)] = (byte)('A' + (raw[i] & 0x0F));
        }
        return encoded;
    }

    /// <summary>The name (trailing spaces removed) and suffix of an encoded name at the start of <paramref name="encoded"/>; null when it is not a well-formed 34-byte encoded name.</summary>
    public static (string Name, byte Suffix)? Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < EncodedSize || encoded[0] != 0x20 || encoded[EncodedSize - 1] != 0)
        {
            return null;
        }
        Span<byte> raw = stackalloc byte[NameLength + 1];
        for (var i = 0; i < raw.Length; i++)
        {
            var high = encoded[1 + (2 * i)] - 'A';
            var low = encoded[2 + (2 * i)] - 'A';
            if (high is < 0 or > 15 || low is < 0 or > 15)
            {
                return null;
            }
            raw[i] = (byte)((high << 4) | low);
        }
        return (Encoding.ASCII.GetString(raw[..NameLength]).TrimEnd(' '), raw[NameLength]);
    }

    /// <summary>A SESSION REQUEST packet (RFC 1002 4.3.2): header, called name (server suffix), calling name (workstation suffix).</summary>
    public static byte[] SessionRequest(string calledName, string callingName)
    {
        var packet = new byte[4 + (2 * EncodedSize)];
        packet[0] = (byte)NetBiosSessionPacketType.SessionRequest;
        packet[3] = 2 * EncodedSize;
        Encode(calledName, ServerSuffix).CopyTo(packet, 4);
        Encode(callingName, WorkstationSuffix).CopyTo(packet, 4 + EncodedSize);
        return packet;
    }
}
