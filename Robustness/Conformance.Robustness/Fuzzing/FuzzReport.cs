using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Conformance.Robustness.Fuzzing;

/// <summary>What a fuzz run did and found.</summary>
public sealed class FuzzReport
{
    private readonly ConcurrentDictionary<string, (FuzzFinding First, int Count)> findings = new();
    private long executions;
    private long answered;
    private long disconnects;
    private long outOfCredits;
    private long sessions;
    private long encryptedExecutions;

    public ConcurrentDictionary<MutationKind, long> Mutations { get; } = new();
    public TimeSpan Elapsed { get; set; }
    public int SeedCount { get; set; }
    public long HeapBefore { get; set; }
    public long HeapAfter { get; set; }
    public int ConnectionsLeft { get; set; }
    public int OpensLeft { get; set; }
    public int SessionsLeft { get; set; }

    /// <summary>Entries the fuzzed CREATEs left in the share's root (state the server rightly keeps), deleted before the heap is measured again.</summary>
    public int FilesLeft { get; set; }

    /// <summary>Root entries still there after the deletion (a non-empty directory, say).</summary>
    public int FilesUndeletable { get; set; }

    public long Executions => Interlocked.Read(ref executions);
    public long Answered => Interlocked.Read(ref answered);
    public long Disconnects => Interlocked.Read(ref disconnects);
    public long OutOfCredits => Interlocked.Read(ref outOfCredits);
    public long Sessions => Interlocked.Read(ref sessions);
    public long EncryptedExecutions => Interlocked.Read(ref encryptedExecutions);

    /// <summary>Distinct findings (the first frame of each, and how often it was met).</summary>
    public IReadOnlyList<(FuzzFinding First, int Count)> Findings => [.. findings.Values.OrderBy(finding => finding.First.Key, StringComparer.Ordinal)];

    public void Executed(IEnumerable<Mutation> mutations, bool encrypted)
    {
        Interlocked.Increment(ref executions);
        if (encrypted)
        {
            Interlocked.Increment(ref encryptedExecutions);
        }
        foreach (var kind in mutations.Select(mutation => mutation.Kind).Distinct())
        {
            Mutations.AddOrUpdate(kind, 1, (_, count) => count + 1);
        }
    }

    public void WasAnswered() => Interlocked.Increment(ref answered);
    public void Disconnected() => Interlocked.Increment(ref disconnects);
    public void RanOutOfCredits() => Interlocked.Increment(ref outOfCredits);
    public void SessionStarted() => Interlocked.Increment(ref sessions);

    public void Found(FuzzFinding finding) =>
        findings.AddOrUpdate(finding.Key, (finding, 1), (_, existing) => (existing.First, existing.Count + 1));

    public override string ToString()
    {
        var text = new StringBuilder();
        var seconds = Math.Max(Elapsed.TotalSeconds, 0.001);
        text.AppendLine(CultureInfo.InvariantCulture, $"fuzz: {Executions} executions in {Elapsed.TotalSeconds:0.0} s ({Executions / seconds:0} /s), {SeedCount} seeds, {Sessions} sessions ({EncryptedExecutions} frames encrypted)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  after each frame: ECHO answered {Answered}, connection closed by the server {Disconnects}, credits exhausted (session replaced) {OutOfCredits}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  mutations: {string.Join(", ", Mutations.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  managed heap after a full collection: {HeapBefore / 1048576.0:0.0} MiB before, {HeapAfter / 1048576.0:0.0} MiB after; server connections left {ConnectionsLeft}, sessions left {SessionsLeft}, opens left {OpensLeft}; {FilesLeft} entries the fuzzed CREATEs left in the share's root deleted before the second figure ({FilesUndeletable} could not be)");
        var all = Findings;
        text.AppendLine(CultureInfo.InvariantCulture, $"  findings: {all.Count}");
        foreach (var (first, count) in all)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{count}x] {first}");
        }
        return text.ToString();
    }
}
