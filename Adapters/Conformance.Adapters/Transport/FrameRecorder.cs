using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Conformance.Adapters.Transport;

/// <summary>
/// Keeps a copy of every frame sent and received, in wire order, for diagnosis of a failed test.
/// Of a frame larger than <see cref="MaxBytesPerFrame"/> only that many first bytes are kept (the
/// frame's <see cref="RecordedFrame.Length"/> says how long it was): a recorder that is always on
/// must not double the memory and copying cost of every 1 MiB READ or WRITE.
/// Thread-safe; one recorder may serve several connections.
/// </summary>
public sealed class FrameRecorder
{
    /// <summary>
    /// 64 KiB: every SMB2 header, every compound of small messages and every negotiate, session
    /// setup, create or directory listing of a scenario fits whole; bulk READ and WRITE data is cut.
    /// </summary>
    public const int DefaultMaxBytesPerFrame = 64 * 1024;

    private readonly Lock gate = new();
    private readonly List<RecordedFrame> frames = [];

    /// <param name="maxBytesPerFrame">Bytes kept of each frame; <see cref="int.MaxValue"/> keeps every frame whole.</param>
    public FrameRecorder(int maxBytesPerFrame = DefaultMaxBytesPerFrame)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytesPerFrame);
        MaxBytesPerFrame = maxBytesPerFrame;
    }

    /// <summary>Bytes kept of each frame; the rest of a larger frame is only counted.</summary>
    public int MaxBytesPerFrame { get; }

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

    public RecordedFrame Record(FrameDirection direction, ReadOnlySpan<byte> bytes, string connection = "", bool unframed = false) =>
        Record(direction, bytes, ReadOnlySpan<byte>.Empty, connection, unframed);

    /// <summary>Records one frame made of <paramref name="head"/> followed by <paramref name="tail"/>.</summary>
    public RecordedFrame Record(FrameDirection direction, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, string connection = "", bool unframed = false)
    {
        var length = head.Length + tail.Length;
        var copy = new byte[Math.Min(length, MaxBytesPerFrame)];
        var fromHead = Math.Min(head.Length, copy.Length);
        head[..fromHead].CopyTo(copy);
        tail[..(copy.Length - fromHead)].CopyTo(copy.AsSpan(fromHead));
        lock (gate)
        {
            var frame = new RecordedFrame(frames.Count, DateTime.UtcNow, Stopwatch.GetTimestamp(), direction, unframed, connection, copy) { Length = length };
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
    /// One line per frame: UTC time, milliseconds since the first frame, direction, length (with the
    /// bytes kept when the frame was cut), the first bytes in hex, and what <paramref name="summarize"/> says of the frame (an SMB2 layer can name
    /// the command and status there). A summary that throws is shown as such, never rethrown.
    /// </summary>
    /// <param name="lastFrames">Only the last so many frames are shown (their times still count from the first frame).</param>
    public string Dump(Func<ReadOnlyMemory<byte>, string>? summarize = null, int lastFrames = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastFrames);
        var snapshot = Frames;
        var text = new StringBuilder();
        var origin = snapshot.Count > 0 ? snapshot[0].StopwatchTimestamp : 0;
        foreach (var frame in snapshot.Skip(Math.Max(0, snapshot.Count - lastFrames)))
        {
            var sinceFirst = Stopwatch.GetElapsedTime(origin, frame.StopwatchTimestamp);
            var direction = (frame.Direction, frame.Unframed) switch
            {
                (FrameDirection.Sent, false) => "send    ",
                (FrameDirection.Sent, true) => "send-raw",
                _ => "recv    ",
            };
            text.Append(CultureInfo.InvariantCulture, $"{frame.Sequence,4} {frame.UtcTimestamp:HH:mm:ss.ffffff}Z +{sinceFirst.TotalMilliseconds,10:0.000} ms {direction} {frame.Length,8} B  {HexDump.Prefix(frame.Bytes.Span),-40}");
            if (frame.IsTruncated)
            {
                text.Append(CultureInfo.InvariantCulture, $"  (first {frame.Bytes.Length} B kept)");
            }
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
