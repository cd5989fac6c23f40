using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Conformance.Adapters.Transport;

/// <summary>
/// Keeps a copy of every frame sent and received, in wire order, for diagnosis of a failed test.
/// Thread-safe; one recorder may serve several connections.
/// </summary>
public sealed class FrameRecorder
{
    private readonly Lock gate = new();
    private readonly List<RecordedFrame> frames = [];

    /// <summary>A snapshot of the frames recorded so far.</summary>
    public IReadOnlyList<RecordedFrame> Frames
    {
        get
        {
            lock (gate)
            {
                return frames.ToArray();
            }
        }
    }

    public RecordedFrame Record(FrameDirection direction, ReadOnlySpan<byte> bytes, string connection = "", bool unframed = false)
    {
        var copy = bytes.ToArray();
        lock (gate)
        {
            var frame = new RecordedFrame(frames.Count, DateTime.UtcNow, Stopwatch.GetTimestamp(), direction, unframed, connection, copy);
            frames.Add(frame);
            return frame;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            frames.Clear();
        }
    }

    /// <summary>
    /// One line per frame: UTC time, milliseconds since the first frame, direction, length, the first
    /// bytes in hex, and what <paramref name="summarize"/> says of the frame (an SMB2 layer can name
    /// the command and status there). A summary that throws is shown as such, never rethrown.
    /// </summary>
    public string Dump(Func<ReadOnlyMemory<byte>, string>? summarize = null)
    {
        var snapshot = Frames;
        var text = new StringBuilder();
        var origin = snapshot.Count > 0 ? snapshot[0].StopwatchTimestamp : 0;
        foreach (var frame in snapshot)
        {
            var sinceFirst = Stopwatch.GetElapsedTime(origin, frame.StopwatchTimestamp);
            var direction = (frame.Direction, frame.Unframed) switch
            {
                (FrameDirection.Sent, false) => "send    ",
                (FrameDirection.Sent, true) => "send-raw",
                _ => "recv    ",
            };
            text.Append(CultureInfo.InvariantCulture, $"{frame.Sequence,4} {frame.UtcTimestamp:HH:mm:ss.ffffff}Z +{sinceFirst.TotalMilliseconds,10:0.000} ms {direction} {frame.Bytes.Length,8} B  {HexDump.Prefix(frame.Bytes.Span),-40}");
            if (frame.Connection.Length > 0)
            {
                text.Append("  [").Append(frame.Connection).Append(']');
            }
            if (summarize is not null)
            {
                text.Append("  ").Append(Summary(summarize, frame.Bytes));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Summary(Func<ReadOnlyMemory<byte>, string> summarize, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return summarize(bytes);
        }
#pragma warning disable CA1031 // a diagnostic dump must not fail because a summary did
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"(summary failed: {e.GetType().Name}: {e.Message})";
        }
    }
}
