using System.Globalization;
using System.Text;
using Conformance.Reports.Model;
using Conformance.Scenarios;
using Conformance.Scenarios.Requirements;

namespace Conformance.TestSuite.Results;

/// <summary>
/// Console progress on TestContext.Progress (shown by dotnet test as the run goes): one line per
/// finished scenario with the count done of the catalog, its family, verdict and failures so far;
/// and at the end a summary table per family with every failure, and the slowest scenarios.
/// </summary>
public sealed class RunProgress(int scenarioCount)
{
    private const int Slowest = 10;

    public async Task ScenarioFinishedAsync(ScenarioResult result, int done, IReadOnlyList<ScenarioResult> soFar)
    {
        var failures = soFar.Count(item => item.Verdict is Verdict.Failed or Verdict.Broken);
        await TestContext.Progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"[{done}/{scenarioCount}] {result.Family,-18} {Name(result.Verdict),-12} {result.Id} ({result.Duration.TotalMilliseconds:0} ms); failures so far: {failures}"));
    }

    public async Task SummaryAsync(IReadOnlyList<ScenarioResult> results, string runFile, string allureDirectory) =>
        await TestContext.Progress.WriteLineAsync(Table(results) + SlowestScenarios(results) + Coverage() + $"run file: {runFile}\nallure results: {allureDirectory}");

    /// <summary>The scenarios that took longest, each with its wall time (from its turn to run to its verdict).</summary>
    public static string SlowestScenarios(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder($"slowest {Math.Min(Slowest, results.Count)} scenarios:\n");
        foreach (var result in results.OrderByDescending(result => result.Duration).Take(Slowest))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {result.Duration.TotalMilliseconds,8:0} ms  {Name(result.Verdict),-12} {result.Id}\n");
        }
        return text.ToString();
    }

    /// <summary>Requirement coverage of the scenario catalog: testable MUST statements in scope proven by at least one scenario.</summary>
    public static string Coverage() =>
        $"requirement coverage: {RequirementCoverage.Compute(RequirementCatalog.Default, ScenarioCatalog.All)}\n";

    public static string Table(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder("\nconformance summary\n");
        text.Append(CultureInfo.InvariantCulture, $"  {"family",-20} {"passed",7} {"failed",7} {"broken",7} {"inconcl.",9} {"total",6}\n");
        foreach (var family in results.GroupBy(result => result.Family).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            Row(text, family.Key, family.ToList());
        }
        Row(text, "all", results);
        var failures = results.Where(result => result.Verdict is Verdict.Failed or Verdict.Broken).ToList();
        if (failures.Count > 0)
        {
            text.Append("failures:\n");
            foreach (var failure in failures)
            {
                text.Append("  ").Append(Name(failure.Verdict)).Append(' ').Append(failure.Id).Append(": ")
                    .Append(failure.Message?.Split('\n', 2)[0].TrimEnd('\r') ?? "").Append('\n');
            }
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, IReadOnlyCollection<ScenarioResult> results) =>
        text.Append(CultureInfo.InvariantCulture,
            $"  {name,-20} {Count(results, Verdict.Passed),7} {Count(results, Verdict.Failed),7} {Count(results, Verdict.Broken),7} {Count(results, Verdict.Inconclusive),9} {results.Count,6}\n");

    private static int Count(IEnumerable<ScenarioResult> results, Verdict verdict) => results.Count(result => result.Verdict == verdict);

    private static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
