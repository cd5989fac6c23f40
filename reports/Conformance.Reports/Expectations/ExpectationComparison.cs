using Conformance.Reports.Model;

namespace Conformance.Reports.Expectations;

/// <summary>
/// A run held against a target's expectations. Every verdict that differs from its expectation is a
/// deviation (a scenario not listed is expected to pass); the gate fails on any deviation, in either
/// direction. Listed scenarios the run did not include are reported, not counted: a run may be filtered.
/// </summary>
public sealed record ExpectationComparison(IReadOnlyList<Deviation> Deviations, IReadOnlyList<string> NotRun, IReadOnlyList<string> Unlisted)
{
    public IEnumerable<Deviation> UnexpectedFailures => Deviations.Where(deviation => deviation.Kind == DeviationKind.UnexpectedFailure);
    public IEnumerable<Deviation> UnexpectedPasses => Deviations.Where(deviation => deviation.Kind == DeviationKind.UnexpectedPass);
    public IEnumerable<Deviation> UnexpectedInconclusives => Deviations.Where(deviation => deviation.Kind == DeviationKind.UnexpectedInconclusive);

    public bool Matches => Deviations.Count == 0;

    public static ExpectationComparison Compare(IEnumerable<ScenarioResult> results, IReadOnlyDictionary<string, Expectation> expectations)
    {
        var deviations = new List<Deviation>();
        var unlisted = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results.OrderBy(result => result.Id, StringComparer.Ordinal))
        {
            seen.Add(result.Id);
            if (!expectations.TryGetValue(result.Id, out var expectation))
            {
                unlisted.Add(result.Id);
                expectation = new Expectation(result.Id, Verdict.Passed, "", "");
            }
            if (result.Verdict == expectation.Expected)
            {
                continue;
            }
            var kind = result.Verdict switch
            {
                Verdict.Passed => DeviationKind.UnexpectedPass,
                Verdict.Inconclusive => DeviationKind.UnexpectedInconclusive,
                _ => DeviationKind.UnexpectedFailure,
            };
            deviations.Add(new Deviation(result.Id, kind, expectation.Expected, result.Verdict, expectation.Reason, expectation.Link, FirstLine(result.Message)));
        }
        var notRun = expectations.Keys.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal).ToList();
        return new ExpectationComparison(deviations, notRun, unlisted);
    }

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].TrimEnd('\r');
}
