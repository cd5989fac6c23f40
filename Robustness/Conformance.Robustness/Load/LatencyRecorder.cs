namespace Conformance.Robustness.Load;

/// <summary>Latencies of one connection's requests by operation; merged at the end, so nothing is shared while the load runs.</summary>
public sealed class LatencyRecorder
{
    private readonly Dictionary<LoadOperation, List<double>> milliseconds = [];

    public IReadOnlyDictionary<LoadOperation, List<double>> Milliseconds => milliseconds;

    public void Record(LoadOperation operation, TimeSpan elapsed)
    {
        lock (milliseconds)
        {
            if (!milliseconds.TryGetValue(operation, out var list))
            {
                milliseconds[operation] = list = [];
            }
            list.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The value below which <paramref name="fraction"/> of the sorted samples lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
