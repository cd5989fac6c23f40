using System.Globalization;
using System.Text;

namespace Conformance.Scenarios.Requirements;

/// <summary>
/// The figure issue 4 asks for: of the testable MUST and MUST NOT statements in scope, the share that at
/// least one scenario cites in its <see cref="ScenarioAttribute.Requirements"/>. Per clause and overall,
/// with the MUST statements judged untestable counted by reason (issue 15), so the denominator shows.
/// SHOULD/MAY statements are listed but not counted.
/// </summary>
public sealed class RequirementCoverage
{
    private RequirementCoverage(IReadOnlyList<ClauseCoverage> clauses)
    {
        Clauses = clauses;
        TestableMandatory = clauses.Sum(clause => clause.TestableMandatory);
        Covered = clauses.Sum(clause => clause.Covered.Count);
        var untestable = clauses.SelectMany(clause => clause.UntestableMandatory).ToList();
        Untestable = untestable.Count;
        UntestableByKind = Enum.GetValues<UntestableKind>()
            .Select(kind => (Kind: kind, Count: untestable.Count(requirement => requirement.Reason?.Kind == kind)))
            .Where(entry => entry.Count > 0)
            .ToList();
    }

    /// <summary>One row per clause in scope, in scope order.</summary>
    public IReadOnlyList<ClauseCoverage> Clauses { get; }

    public int TestableMandatory { get; }
    public int Covered { get; }

    /// <summary>MUST / MUST NOT statements in scope judged untestable.</summary>
    public int Untestable { get; }

    /// <summary>Those statements by reason, in the order of the vocabulary; reasons no statement has are left out.</summary>
    public IReadOnlyList<(UntestableKind Kind, int Count)> UntestableByKind { get; }

    /// <summary>Covered over testable mandatory statements in scope, in percent (0 when there are none).</summary>
    public double Percentage => TestableMandatory == 0 ? 0 : 100.0 * Covered / TestableMandatory;

    public static RequirementCoverage Compute(RequirementCatalog catalog, IEnumerable<ScenarioDescriptor> scenarios) =>
        Compute(catalog, scenarios.SelectMany(scenario => scenario.Requirements), RequirementScope.AllClauses);

    /// <summary>Coverage of <paramref name="clauses"/> by the requirement ids <paramref name="cited"/> (ids the catalog lacks are ignored here; <see cref="RequirementCatalog.UnknownCitations"/> reports them).</summary>
    public static RequirementCoverage Compute(RequirementCatalog catalog, IEnumerable<string> cited, IEnumerable<string> clauses)
    {
        var citedIds = cited.ToHashSet(StringComparer.Ordinal);
        var rows = new List<ClauseCoverage>();
        foreach (var clause in clauses)
        {
            var statements = catalog.ForClause(clause);
            var mandatory = statements.Where(requirement => requirement.Level.IsMandatory()).ToList();
            var counted = mandatory.Where(requirement => requirement.Testable).ToList();
            var covered = counted.Where(requirement => citedIds.Contains(requirement.Id)).Select(requirement => requirement.Id).ToList();
            rows.Add(new ClauseCoverage(clause, catalog.ClauseTitle(clause) ?? "", statements.Count, counted.Count, covered,
                mandatory.Where(requirement => !requirement.Testable).ToList()));
        }
        return new RequirementCoverage(rows);
    }

    /// <summary>"40 internal state, 7 client duty" (empty when nothing is judged untestable).</summary>
    public string DescribeUntestable() =>
        string.Join(", ", UntestableByKind.Select(entry => string.Create(CultureInfo.InvariantCulture, $"{entry.Count} {UntestableReason.Keyword(entry.Kind)}")));

    /// <summary>A fixed-width table: clause, statements, testable MUST, covered, percent, untestable MUST, title; then the total.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Clause",-12} {"Stmts",5} {"T-MUST",6} {"Cov",4} {"%",6} {"U-MUST",6}  Title");
        foreach (var row in Clauses)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Clause,-12} {row.Statements,5} {row.TestableMandatory,6} {row.Covered.Count,4} {Format(row.Percentage),6} {row.UntestableMandatory.Count,6}  {row.Title}");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{"total",-12} {Clauses.Sum(row => row.Statements),5} {TestableMandatory,6} {Covered,4} {Format(Percentage),6} {Untestable,6}  testable MUST/MUST NOT statements cited by a scenario; U-MUST judged untestable");
        return text.ToString();
    }

    /// <summary>"169/173 testable MUST statements (97.7%); 38 judged untestable: 27 internal state, 7 client duty, 4 implementation choice".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Covered}/{TestableMandatory} testable MUST statements ({Percentage:0.0}%); {Untestable} judged untestable")
        + (Untestable == 0 ? "" : ": " + DescribeUntestable());

    private static string Format(double? percentage) =>
        percentage is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
