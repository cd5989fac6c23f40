using System.Text;

namespace Conformance.Adapters.Transport;

/// <summary>Bytes as hex for people: a one-line prefix for frame lists, and a classic offset/hex/ASCII dump.</summary>
public static class HexDump
{
    private const int BytesPerLine = 16;

    /// <summary>The first <paramref name="count"/> bytes as lowercase hex, grouped by four, "…" when there are more.</summary>
    public static string Prefix(ReadOnlySpan<byte> bytes, int count = 16)
    {
        var shown = bytes[..Math.Min(count, bytes.Length)];
        var text = new StringBuilder(shown.Length * 2 + shown.Length / 4 + 2);
        for (var i = 0; i < shown.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append(' ');
            }
            text.Append(shown[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (bytes.Length > shown.Length)
        {
            text.Append(" …");
        }
        return text.ToString();
    }

    /// <summary>Sixteen bytes a line: offset, hex, and printable ASCII ('.' for the rest).</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder((bytes.Length / BytesPerLine + 1) * 78);
        for (var line = 0; line < bytes.Length; line += BytesPerLine)
        {
            var chunk = bytes.Slice(line, Math.Min(BytesPerLine, bytes.Length - line));
            text.Append(line.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < BytesPerLine; i++)
            {
                text.Append(i < chunk.Length ? chunk[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture) : "  ");
                text.Append(i == 7 ? "  " : " ");
            }
            text.Append(" |");
            foreach (var b in chunk)
            {
                text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
            }
            text.Append("|\n");
        }
        return text.ToString();
    }
}
