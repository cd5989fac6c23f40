using Conformance.Reports.Expectations;
using Conformance.Reports.Model;

namespace Conformance.Reports.Html;

/// <summary>
/// Everything the HTML report shows, also written as JSON: per target its identity, totals, results and
/// deviations from its expectations; per family and per clause the verdict counts of each target; and the
/// requirement coverage of the reported scenarios.
/// </summary>
public sealed record ConformanceReport(
    DateTimeOffset Generated,
    IReadOnlyList<TargetReport> Targets,
    IReadOnlyList<FamilyRow> Families,
    IReadOnlyList<ClauseRow> Clauses,
    CoverageReport Coverage);

/// <summary>One target's merged results; <see cref="Expectations"/> is the expectations file compared, if any.</summary>
public sealed record TargetReport(
    TargetIdentity Identity,
    int RunCount,
    VerdictCounts Totals,
    IReadOnlyList<ScenarioResult> Scenarios,
    string? Expectations,
    ExpectationComparison? Comparison);

/// <summary>One family: counts per target label.</summary>
public sealed record FamilyRow(string Family, IReadOnlyDictionary<string, VerdictCounts> ByTarget);

/// <summary>One clause cited by at least one scenario: its title and, per target label, counts and the scenarios behind them.</summary>
public sealed record ClauseRow(string Clause, string Title, IReadOnlyDictionary<string, ClauseCell> ByTarget);

public sealed record ClauseCell(VerdictCounts Counts, IReadOnlyList<string> ScenarioIds);
