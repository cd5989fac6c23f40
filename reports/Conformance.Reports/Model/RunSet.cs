namespace Conformance.Reports.Model;

/// <summary>
/// Several runs merged: per target label the latest result of every scenario (a later run of a
/// scenario replaces an earlier one), the latest identity of the target, and every clause title named.
/// </summary>
public sealed class RunSet
{
    private readonly SortedDictionary<string, TargetRuns> targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> clauseTitles = new(StringComparer.Ordinal);

    public IReadOnlyCollection<TargetRuns> Targets => targets.Values;
    public IReadOnlyDictionary<string, string> ClauseTitles => clauseTitles;

    public static RunSet Merge(IEnumerable<RunResult> runs)
    {
        var set = new RunSet();
        foreach (var run in runs.OrderBy(run => run.Started))
        {
            set.Add(run);
        }
        return set;
    }

    private void Add(RunResult run)
    {
        if (!targets.TryGetValue(run.Target.Label, out var target))
        {
            target = new TargetRuns(run.Target.Label);
            targets.Add(run.Target.Label, target);
        }
        target.Add(run);
        foreach (var (clause, title) in run.ClauseTitles)
        {
            clauseTitles[clause] = title;
        }
    }

    /// <summary>The merged results of one target.</summary>
    public sealed class TargetRuns(string label)
    {
        private readonly SortedDictionary<string, ScenarioResult> scenarios = new(StringComparer.Ordinal);

        public string Label { get; } = label;
        public TargetIdentity Identity { get; private set; } = new() { Label = label, Name = label };
        public int RunCount { get; private set; }
        public DateTimeOffset LatestRun { get; private set; }
        public IReadOnlyCollection<ScenarioResult> Scenarios => scenarios.Values;

        internal void Add(RunResult run)
        {
            Identity = run.Target;
            RunCount++;
            LatestRun = run.Started;
            foreach (var scenario in run.Scenarios)
            {
                scenarios[scenario.Id] = scenario;
            }
        }
    }
}
