using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Conformance.Robustness.Load;

/// <summary>What a load run did: operations and their latencies, statuses, breaks, and the read-back verdict.</summary>
public sealed class LoadReport
{
    private long bytesWritten;
    private long bytesVerified;
    private long bytesLost;
    private long breaksReceived;

    public int Connections { get; set; }
    public TimeSpan Elapsed { get; set; }

    /// <summary>Statuses the mix expects besides success, by "operation status" (a break acknowledgment racing its open's close).</summary>
    public ConcurrentDictionary<string, long> ExpectedStatuses { get; } = new();

    /// <summary>Anything else: unexpected statuses, timeouts, lost connections, by description.</summary>
    public ConcurrentDictionary<string, long> Errors { get; } = new();

    public ConcurrentBag<LatencyRecorder> Latencies { get; } = [];

    public long BytesWritten => Interlocked.Read(ref bytesWritten);
    public long BytesVerified => Interlocked.Read(ref bytesVerified);

    /// <summary>Bytes read back that differ from what was last written there (or that could not be read back).</summary>
    public long BytesLost => Interlocked.Read(ref bytesLost);
    public long BreaksReceived => Interlocked.Read(ref breaksReceived);
    public long ErrorCount => Errors.Values.Sum();

    public void Wrote(int count) => Interlocked.Add(ref bytesWritten, count);
    public void Verified(long count) => Interlocked.Add(ref bytesVerified, count);
    public void Lost(long count) => Interlocked.Add(ref bytesLost, count);
    public void BreakReceived() => Interlocked.Increment(ref breaksReceived);
    public void Expected(string what) => ExpectedStatuses.AddOrUpdate(what, 1, (_, count) => count + 1);
    public void Error(string what) => Errors.AddOrUpdate(what, 1, (_, count) => count + 1);

    /// <summary>Every operation's latencies, sorted, by operation.</summary>
    public IReadOnlyDictionary<LoadOperation, List<double>> Merged()
    {
        var merged = new Dictionary<LoadOperation, List<double>>();
        foreach (var recorder in Latencies)
        {
            foreach (var (operation, samples) in recorder.Milliseconds)
            {
                if (!merged.TryGetValue(operation, out var list))
                {
                    merged[operation] = list = [];
                }
                list.AddRange(samples);
            }
        }
        foreach (var list in merged.Values)
        {
            list.Sort();
        }
        return merged;
    }

    public long Operations => Merged().Values.Sum(list => (long)list.Count);

    public override string ToString()
    {
        var merged = Merged();
        var all = merged.Values.SelectMany(list => list).Order().ToList();
        var seconds = Math.Max(Elapsed.TotalSeconds, 0.001);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"load: {Connections} connections for {Elapsed.TotalSeconds:0.0} s: {all.Count} operations, {all.Count / seconds:0} operations/s, " +
            $"latency p50 {LatencyRecorder.Percentile(all, 0.5):0.00} ms, p99 {LatencyRecorder.Percentile(all, 0.99):0.00} ms");
        foreach (var (operation, list) in merged.OrderBy(pair => pair.Key))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {operation,-20} {list.Count,9}  p50 {LatencyRecorder.Percentile(list, 0.5),8:0.00} ms  p99 {LatencyRecorder.Percentile(list, 0.99),8:0.00} ms");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"  oplock breaks received {BreaksReceived}; {BytesWritten / 1048576.0:0.0} MiB written");
        text.AppendLine(CultureInfo.InvariantCulture, $"  read back: {BytesVerified} bytes compared, {BytesLost} lost or corrupted");
        text.AppendLine(CultureInfo.InvariantCulture, $"  expected statuses besides success: {(ExpectedStatuses.IsEmpty ? "none" : string.Join(", ", ExpectedStatuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} x{pair.Value}")))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  errors: {ErrorCount}");
        foreach (var (what, count) in Errors.OrderByDescending(pair => pair.Value).Take(20))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    x{count} {what}");
        }
        return text.ToString();
    }
}
