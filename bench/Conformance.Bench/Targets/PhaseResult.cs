using System.Diagnostics;

namespace Conformance.Bench.Targets;

/// <summary>
/// One measured phase: how many operations (and bytes) completed in how long, and how much of that
/// this process spent in garbage-collection pauses (client, and the reference server when it runs in-process).
/// <see cref="Cpu"/> is the CPU time per operation, which unlike the wall clock does not grow when
/// other work on the machine takes the processors away.
/// </summary>
public sealed record PhaseResult(int Operations, long Bytes, TimeSpan Elapsed, TimeSpan GcPause, int Gen2Collections)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Throughput in MB/s (10^6 bytes per second).</summary>
    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1_000_000;

    /// <summary>CPU time per operation, of the round that needed the least.</summary>
    public CpuPerOperation Cpu { get; init; }

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds of <paramref name="operation"/> (given its index; it returns
    /// the bytes it moved), each until <paramref name="count"/> operations are done or the phase's
    /// <paramref name="timeLimit"/> (over all rounds) has passed; returns the fastest round, which on a
    /// shared machine is the one least disturbed by other work, with the least CPU time per operation
    /// any round needed (<paramref name="clock"/> read before and after each round). At least one round always runs.
    /// </summary>
    public static async Task<PhaseResult> MeasureAsync(int rounds, int count, TimeSpan timeLimit, CpuClock clock, Func<int, Task<long>> operation)
    {
        var phase = Stopwatch.StartNew();
        PhaseResult? best = null;
        CpuPerOperation? cheapest = null;
        for (var round = 0; round < rounds && (best is null || phase.Elapsed < timeLimit); round++)
        {
            var (result, cpu) = await MeasureRoundAsync(count, timeLimit - phase.Elapsed, clock, operation);
            if (best is null || result.Operations / result.Elapsed.TotalSeconds > best.Operations / best.Elapsed.TotalSeconds)
            {
                best = result;
            }
            if (cheapest is null || cpu.Total < cheapest.Value.Total)
            {
                cheapest = cpu;
            }
        }
        return best! with { Cpu = cheapest!.Value };
    }

    /// <summary>The faster of two results of the same phase, with the lesser CPU time per operation of the two.</summary>
    public static PhaseResult Better(PhaseResult first, PhaseResult second)
    {
        var faster = second.OperationsPerSecond > first.OperationsPerSecond ? second : first;
        return faster with { Cpu = second.Cpu.Total < first.Cpu.Total ? second.Cpu : first.Cpu };
    }

    private static async Task<(PhaseResult Result, CpuPerOperation Cpu)> MeasureRoundAsync(int count, TimeSpan timeLimit, CpuClock clock, Func<int, Task<long>> operation)
    {
        var bytes = 0L;
        var done = 0;
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var cpuBefore = clock.Sample();
        var stopwatch = Stopwatch.StartNew();
        while (done < count && (done == 0 || stopwatch.Elapsed < timeLimit))
        {
            bytes += await operation(done);
            done++;
        }
        stopwatch.Stop();
        var cost = clock.Sample() - cpuBefore;
        return (new PhaseResult(done, bytes, stopwatch.Elapsed, GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - gen2Before),
            new CpuPerOperation(cost.Process / done, cost.Server / done));
    }
}

/// <summary>CPU time per operation: this process's (client, plus the reference server when in-process) and the out-of-process server's.</summary>
public readonly record struct CpuPerOperation(TimeSpan Process, TimeSpan? Server)
{
    public TimeSpan Total => Process + (Server ?? TimeSpan.Zero);
}
