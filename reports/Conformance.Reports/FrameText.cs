using System.Globalization;
using System.Text;
using Conformance.Reports.Model;

namespace Conformance.Reports;

/// <summary>Recorded frames as readable text: one line per frame, and a full hex dump.</summary>
public static class FrameText
{
    /// <summary>"seq time direction length summary", one line per frame of the connection.</summary>
    public static string Lines(ConnectionRecord connection)
    {
        var text = new StringBuilder();
        foreach (var frame in connection.Frames)
        {
            text.Append(Line(frame)).Append('\n');
        }
        return text.ToString();
    }

    public static string Line(FrameRecord frame) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{frame.Sequence,4} {frame.Time.UtcDateTime:HH:mm:ss.ffffff}Z {Direction(frame)} {frame.Length,8} B  {frame.Summary}{(frame.OriginalLength is null ? "" : $" (first {frame.Hex.Length / 2} B kept)")}");

    /// <summary>Every connection: a heading, then its frame lines.</summary>
    public static string Lines(IEnumerable<ConnectionRecord> connections) =>
        string.Join("\n", connections.Select(connection => $"connection {connection.Number} {connection.Description}:\n{Lines(connection)}"));

    /// <summary>Each frame's line followed by its bytes, 16 per row, with offsets and printable ASCII.</summary>
    public static string Hex(ConnectionRecord connection)
    {
        var text = new StringBuilder();
        foreach (var frame in connection.Frames)
        {
            text.Append(Line(frame)).Append('\n');
            var bytes = Convert.FromHexString(frame.Hex);
            for (var offset = 0; offset < bytes.Length; offset += 16)
            {
                var row = bytes.AsSpan(offset, Math.Min(16, bytes.Length - offset));
                text.Append(CultureInfo.InvariantCulture, $"  {offset:x4}  ");
                for (var index = 0; index < 16; index++)
                {
                    text.Append(index < row.Length ? row[index].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                }
                text.Append(' ');
                foreach (var value in row)
                {
                    text.Append(value is >= 0x20 and < 0x7F ? (char)value : '.');
                }
                text.Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Direction(FrameRecord frame) => (frame.Direction, frame.Unframed) switch
    {
        (FrameDirection.Sent, false) => "C->S    ",
        (FrameDirection.Sent, true) => "C->S raw",
        (FrameDirection.Received, _) => "S->C    ",
        _ => "?       ",
    };
}
