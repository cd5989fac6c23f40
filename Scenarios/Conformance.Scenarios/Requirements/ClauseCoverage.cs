namespace Conformance.Scenarios.Requirements;

/// <summary>
/// How many of one clause's testable MUST / MUST NOT statements some scenario cites, and which of its
/// MUST / MUST NOT statements are judged untestable (with their reasons: the rest of the denominator).
/// </summary>
public sealed record ClauseCoverage(string Clause, string Title, int Statements, int TestableMandatory, IReadOnlyList<string> Covered,
    IReadOnlyList<Requirement> UntestableMandatory)
{
    /// <summary>Covered over testable mandatory statements, in percent; null when the clause has none.</summary>
    public double? Percentage => TestableMandatory == 0 ? null : 100.0 * Covered.Count / TestableMandatory;
}
