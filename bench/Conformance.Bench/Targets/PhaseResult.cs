using System.Diagnostics;

namespace Conformance.Bench.Targets;

/// <summary>
/// One measured phase: how many operations (and bytes) completed in how long, and how much of that
/// this process spent in garbage-collection pauses (client, and the reference server when it runs in-process).
/// </summary>
public sealed record PhaseResult(int Operations, long Bytes, TimeSpan Elapsed, TimeSpan GcPause, int Gen2Collections)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Throughput in MB/s (10^6 bytes per second).</summary>
    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1_000_000;

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds of <paramref name="operation"/> (given its index; it returns
    /// the bytes it moved), each until <paramref name="count"/> operations are done or the phase's
    /// <paramref name="timeLimit"/> (over all rounds) has passed; returns the fastest round, which on a
    /// shared machine is the one least disturbed by other work. At least one round always runs.
    /// </summary>
    public static async Task<PhaseResult> MeasureAsync(int rounds, int count, TimeSpan timeLimit, Func<int, Task<long>> operation)
    {
        var phase = Stopwatch.StartNew();
        PhaseResult? best = null;
        for (var round = 0; round < rounds && (best is null || phase.Elapsed < timeLimit); round++)
        {
            var result = await MeasureRoundAsync(count, timeLimit - phase.Elapsed, operation);
            if (best is null || result.Operations / result.Elapsed.TotalSeconds > best.Operations / best.Elapsed.TotalSeconds)
            {
                best = result;
            }
        }
        return best!;
    }

    private static async Task<PhaseResult> MeasureRoundAsync(int count, TimeSpan timeLimit, Func<int, Task<long>> operation)
    {
        var bytes = 0L;
        var done = 0;
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var stopwatch = Stopwatch.StartNew();
        while (done < count && (done == 0 || stopwatch.Elapsed < timeLimit))
        {
            bytes += await operation(done);
            done++;
        }
        stopwatch.Stop();
        return new PhaseResult(done, bytes, stopwatch.Elapsed, GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - gen2Before);
    }
}
