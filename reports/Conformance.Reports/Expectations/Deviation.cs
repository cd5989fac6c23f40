using Conformance.Reports.Model;

namespace Conformance.Reports.Expectations;

/// <summary>One scenario whose verdict is not the expected one, with the expectation's reason and link.</summary>
public sealed record Deviation(string ScenarioId, DeviationKind Kind, Verdict Expected, Verdict Actual, string Reason, string Link, string? Message)
{
    public override string ToString() =>
        $"{ScenarioId}: expected {ExpectationsFile.Name(Expected)}, got {ExpectationsFile.Name(Actual)}" +
        (Reason.Length > 0 ? $" (expectation: {Reason}{(Link.Length > 0 ? $", {Link}" : "")})" : "");
}
