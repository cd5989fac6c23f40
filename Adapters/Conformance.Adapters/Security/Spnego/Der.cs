using System.Text;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Spnego;

/// <summary>
/// The DER subset SPNEGO needs (X.690 8.1, 10.1): single-byte tags, definite lengths up to 4 length
/// bytes. Reading checks every length against the bytes that contain it and returns a
/// <see cref="DecodeError"/>; it never throws on bad input.
/// </summary>
public static class Der
{
    public const byte Integer = 0x02;
    public const byte BitString = 0x03;
    public const byte OctetString = 0x04;
    public const byte ObjectIdentifier = 0x06;
    public const byte Enumerated = 0x0A;
    public const byte GeneralString = 0x1B;
    public const byte Sequence = 0x30;
    public const byte Application0 = 0x60;

    /// <summary>The tag of a context-specific constructed element [n] (X.690 8.1.2).</summary>
    public static byte Context(int number) => (byte)(0xA0 | number);

    // ---- writing ----

    public static byte[] Encode(byte tag, ReadOnlySpan<byte> content)
    {
        var lengthSize = content.Length < 0x80 ? 1 : content.Length <= 0xFF ? 2 : content.Length <= 0xFFFF ? 3 : content.Length <= 0xFFFFFF ? 4 : 5;
        var bytes = new byte[1 + lengthSize + content.Length];
        bytes[0] = tag;
        if (lengthSize == 1)
        {
            bytes[1] = (byte)content.Length;
        }
        else
        {
            bytes[1] = (byte)(0x80 | (lengthSize - 1));
            for (var i = 0; i < lengthSize - 1; i++)
            {
                bytes[1 + lengthSize - 1 - i] = (byte)(content.Length >> (8 * i));
            }
        }
        content.CopyTo(bytes.AsSpan(1 + lengthSize));
        return bytes;
    }

    public static byte[] Constructed(byte tag, params IEnumerable<byte[]> parts) => Encode(tag, parts.SelectMany(part => part).ToArray().AsSpan());

    public static byte[] EncodeObjectIdentifier(string dotted)
    {
        var arcs = dotted.Split('.').Select(ulong.Parse).ToArray();
        if (arcs.Length < 2)
        {
            throw new ArgumentException($"an OID has at least two arcs: {dotted}", nameof(dotted));
        }
        var content = new List<byte>();
        AppendBase128(content, arcs[0] * 40 + arcs[1]);
        foreach (var arc in arcs.Skip(2))
        {
            AppendBase128(content, arc);
        }
        return Encode(ObjectIdentifier, content.ToArray());
    }

    private static void AppendBase128(List<byte> content, ulong value)
    {
        var groups = new Stack<byte>();
        groups.Push((byte)(value & 0x7F));
        while ((value >>= 7) != 0)
        {
            groups.Push((byte)(0x80 | (value & 0x7F)));
        }
        content.AddRange(groups);
    }

    public static byte[] EncodeEnumerated(int value) => Encode(Enumerated, [(byte)value]);

    public static byte[] EncodeGeneralString(string value) => Encode(GeneralString, Encoding.ASCII.GetBytes(value));

    // ---- reading ----

    /// <summary>
    /// Reads the TLV at <paramref name="position"/> of <paramref name="data"/>, which stands at
    /// <paramref name="baseOffset"/> in the whole token.
    /// </summary>
    public static DecodeError? Read(ReadOnlyMemory<byte> data, int position, int baseOffset, string messageName, string field, string clause, out DerElement element)
    {
        element = default;
        var span = data.Span;
        if (position + 2 > span.Length)
        {
            return new DecodeError(messageName, field, clause, $"needs a tag and length at {position}, but only {span.Length - position} bytes remain", baseOffset + position);
        }
        var tag = span[position];
        if ((tag & 0x1F) == 0x1F)
        {
            return new DecodeError(messageName, field, clause, $"multi-byte tag 0x{tag:X2} is not used by SPNEGO", baseOffset + position);
        }
        int length;
        var contentStart = position + 2;
        var first = span[position + 1];
        if (first < 0x80)
        {
            length = first;
        }
        else if (first == 0x80)
        {
            return new DecodeError(messageName, field, clause, "indefinite length is not DER", baseOffset + position + 1);
        }
        else
        {
            var count = first & 0x7F;
            if (count > 4)
            {
                return new DecodeError(messageName, field, clause, $"{count} length bytes is more than this reader accepts", baseOffset + position + 1);
            }
            if (contentStart + count > span.Length)
            {
                return new DecodeError(messageName, field, clause, $"{count} length bytes run past the {span.Length}-byte container", baseOffset + position + 1);
            }
            long value = 0;
            for (var i = 0; i < count; i++)
            {
                value = (value << 8) | span[contentStart + i];
            }
            if (value > int.MaxValue)
            {
                return new DecodeError(messageName, field, clause, $"length {value} is out of range", baseOffset + position + 1);
            }
            length = (int)value;
            contentStart += count;
        }
        if ((long)contentStart + length > span.Length)
        {
            return new DecodeError(messageName, field, clause, $"length {length} at {contentStart} runs past the {span.Length}-byte container", baseOffset + position + 1);
        }
        element = new DerElement(tag, baseOffset + position, baseOffset + contentStart, data.Slice(contentStart, length));
        return null;
    }

    /// <summary>Reads one element of <paramref name="expectedTag"/>, failing on any other tag.</summary>
    public static DecodeError? ReadExpected(ReadOnlyMemory<byte> data, int position, int baseOffset, byte expectedTag, string messageName, string field, string clause, out DerElement element)
    {
        var error = Read(data, position, baseOffset, messageName, field, clause, out element);
        if (error is null && element.Tag != expectedTag)
        {
            error = new DecodeError(messageName, field, clause, $"expected tag 0x{expectedTag:X2}, got 0x{element.Tag:X2}", element.Offset);
        }
        return error;
    }

    /// <summary>Reads every element of a constructed element's content.</summary>
    public static DecodeError? ReadChildren(DerElement parent, string messageName, string field, string clause, out List<DerElement> children)
    {
        children = [];
        var position = 0;
        while (position < parent.Content.Length)
        {
            var error = Read(parent.Content, position, parent.ContentOffset, messageName, field, clause, out var child);
            if (error is not null)
            {
                return error;
            }
            children.Add(child);
            position = child.End - parent.ContentOffset;
        }
        return null;
    }

    /// <summary>The dotted form of an OBJECT IDENTIFIER's content (X.690 8.19).</summary>
    public static DecodeError? ReadObjectIdentifier(DerElement element, string messageName, string field, string clause, out string dotted)
    {
        dotted = "";
        var content = element.Content.Span;
        if (element.Tag != ObjectIdentifier)
        {
            return new DecodeError(messageName, field, clause, $"expected OBJECT IDENTIFIER (0x06), got 0x{element.Tag:X2}", element.Offset);
        }
        if (content.IsEmpty || (content[^1] & 0x80) != 0)
        {
            return new DecodeError(messageName, field, clause, "OBJECT IDENTIFIER is empty or ends inside an arc", element.Offset);
        }
        var arcs = new List<ulong>();
        ulong value = 0;
        var groups = 0;
        foreach (var b in content)
        {
            if (++groups > 9)
            {
                return new DecodeError(messageName, field, clause, "OBJECT IDENTIFIER arc is too large", element.Offset);
            }
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                arcs.Add(value);
                value = 0;
                groups = 0;
            }
        }
        var firstArc = arcs[0] < 40 ? 0UL : arcs[0] < 80 ? 1UL : 2UL;
        arcs[0] -= firstArc * 40;
        arcs.Insert(0, firstArc);
        dotted = string.Join('.', arcs);
        return null;
    }
}
