namespace Conformance.Scenarios.Requirements;

/// <summary>How many of one clause's testable MUST / MUST NOT statements some scenario cites.</summary>
public sealed record ClauseCoverage(string Clause, string Title, int Statements, int TestableMandatory, IReadOnlyList<string> Covered)
{
    /// <summary>Covered over testable mandatory statements, in percent; null when the clause has none.</summary>
    public double? Percentage => TestableMandatory == 0 ? null : 100.0 * Covered.Count / TestableMandatory;
}
