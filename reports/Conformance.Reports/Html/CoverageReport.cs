using Conformance.Scenarios.Requirements;

namespace Conformance.Reports.Html;

/// <summary>
/// Requirement coverage of the scenarios in the report (issue 5): of the testable MUST / MUST NOT
/// statements of the catalog in scope, those that at least one reported scenario cites, whatever its
/// verdict or target. Per clause (in specification order) and overall; the uncovered statements are
/// listed per clause, and so are the MUST / MUST NOT statements judged untestable, with their reasons
/// (issue 15: the reader sees the denominator). <see cref="UnknownCitations"/>: ids cited by a scenario
/// that the catalog lacks.
/// </summary>
public sealed record CoverageReport(int Covered, int TestableMandatory, double Percentage, IReadOnlyList<ClauseCoverageRow> Clauses, IReadOnlyList<string> UnknownCitations)
{
    /// <summary>MUST / MUST NOT statements in scope judged untestable.</summary>
    public int Untestable => Clauses.Sum(clause => clause.Untestable.Count);

    /// <summary>Those statements by reason ("internal state", ...), in the order of the vocabulary; reasons no statement has are left out.</summary>
    public IReadOnlyList<UntestableCount> UntestableByReason { get; init; } = [];

    /// <summary>Coverage of <paramref name="scope"/> by the requirement ids <paramref name="cited"/>.</summary>
    public static CoverageReport Compute(RequirementCatalog catalog, IReadOnlyList<string> scope, IEnumerable<string> cited)
    {
        var citedIds = cited.ToHashSet(StringComparer.Ordinal);
        var coverage = RequirementCoverage.Compute(catalog, citedIds, scope);
        var rows = coverage.Clauses
            .Order(Comparer<ClauseCoverage>.Create((left, right) => ClauseTitles.Compare(left.Clause, right.Clause)))
            .Select(clause =>
            {
                var covered = clause.Covered.ToHashSet(StringComparer.Ordinal);
                var uncovered = catalog.ForClause(clause.Clause)
                    .Where(requirement => requirement.Testable && requirement.Level.IsMandatory() && !covered.Contains(requirement.Id))
                    .Select(requirement => new UncoveredRequirement(requirement.Id, requirement.Level.ToKeyword(), requirement.Summary))
                    .ToList();
                var untestable = clause.UntestableMandatory
                    .Select(requirement => new UntestableRequirement(requirement.Id, requirement.Level.ToKeyword(), requirement.Reason?.ToString() ?? "", requirement.Summary))
                    .ToList();
                return new ClauseCoverageRow(clause.Clause, clause.Title, clause.Statements, clause.TestableMandatory, clause.Covered.Count,
                    Round(clause.Percentage), uncovered)
                { Untestable = untestable };
            })
            .ToList();
        var unknown = citedIds.Where(id => catalog.Find(id) is null).Order(StringComparer.Ordinal).ToList();
        return new CoverageReport(coverage.Covered, coverage.TestableMandatory, Round(coverage.Percentage)!.Value, rows, unknown)
        {
            UntestableByReason = coverage.UntestableByKind.Select(entry => new UntestableCount(UntestableReason.Keyword(entry.Kind), entry.Count)).ToList(),
        };
    }

    private static double? Round(double? percentage) => percentage is { } value ? Math.Round(value, 1) : null;
}

/// <summary>One clause in scope: its statements, the testable MUST ones, how many of those a scenario cites, and the others.</summary>
public sealed record ClauseCoverageRow(string Clause, string Title, int Statements, int TestableMandatory, int Covered, double? Percentage, IReadOnlyList<UncoveredRequirement> Uncovered)
{
    /// <summary>The clause's MUST / MUST NOT statements judged untestable, with their reasons.</summary>
    public IReadOnlyList<UntestableRequirement> Untestable { get; init; } = [];
}

/// <summary>A testable MUST / MUST NOT statement no reported scenario cites.</summary>
public sealed record UncoveredRequirement(string Id, string Level, string Summary);

/// <summary>A MUST / MUST NOT statement judged untestable, and why (the catalog's reason column).</summary>
public sealed record UntestableRequirement(string Id, string Level, string Reason, string Summary);

/// <summary>How many MUST / MUST NOT statements in scope are judged untestable for one reason of the vocabulary.</summary>
public sealed record UntestableCount(string Reason, int Count);
