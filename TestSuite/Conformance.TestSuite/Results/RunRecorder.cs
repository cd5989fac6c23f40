using Conformance.Reports;
using Conformance.Reports.Model;
using Conformance.Scenarios;

namespace Conformance.TestSuite.Results;

/// <summary>
/// Collects the run's scenario results as they finish (side by side, from several threads): writes each to the Allure results at once,
/// reports progress, and at the end writes the run file (reports/out/run-&lt;target&gt;-&lt;timestamp&gt;.json)
/// and the summary table.
/// </summary>
public sealed class RunRecorder
{
    private readonly Lock gate = new();
    private readonly List<ScenarioResult> results = [];
    private readonly AllureResultsWriter allure;
    private readonly RunProgress progress;

    public RunRecorder(OutputLocations locations, TargetIdentity target, int scenarioCount, DateTimeOffset started)
    {
        Locations = locations;
        Target = target;
        Started = started;
        allure = new AllureResultsWriter(locations.AllureDirectory, target, locations.CaptureAll);
        allure.Prepare(locations.KeepAllureResults);
        allure.WriteEnvironment(started);
        progress = new RunProgress(scenarioCount);
    }

    public OutputLocations Locations { get; }
    public TargetIdentity Target { get; }
    public DateTimeOffset Started { get; }

    public IReadOnlyList<ScenarioResult> Results
    {
        get
        {
            lock (gate)
            {
                return results.ToList();
            }
        }
    }

    /// <summary>Records a finished scenario; returns the capture written for it, if any.</summary>
    public async Task<string?> RecordAsync(ScenarioResult result)
    {
        int done;
        lock (gate)
        {
            results.Add(result);
            done = results.Count;
        }
        var capture = allure.Write(result);
        await progress.ScenarioFinishedAsync(result, done, Results);
        return capture;
    }

    /// <summary>Writes the run file, its scenarios in catalog order whatever order they finished in, and the summary.</summary>
    public async Task<string> FinishAsync()
    {
        var catalogOrder = ScenarioCatalog.All.Select((scenario, index) => (scenario.Id, index)).ToDictionary(entry => entry.Id, entry => entry.index);
        var all = Results.OrderBy(result => catalogOrder.GetValueOrDefault(result.Id, int.MaxValue)).ToList();
        var run = new RunResult
        {
            Target = Target,
            Started = Started,
            Finished = DateTimeOffset.UtcNow,
            Scenarios = all,
            ClauseTitles = all.SelectMany(result => result.Clauses).Distinct().Order(StringComparer.Ordinal)
                .ToDictionary(clause => clause, ClauseTitles.Of),
        };
        var path = Path.Combine(Locations.RunDirectory, RunFile.FileName(Target.Label, Started));
        RunFile.Write(path, run);
        await progress.SummaryAsync(all, path, Locations.AllureDirectory);
        return path;
    }
}
