using Conformance.Reports.Model;

namespace Conformance.Reports.Expectations;

/// <summary>One line of a target's expectations: the scenario, the verdict it is known to get there, why, and a link or bug id.</summary>
public sealed record Expectation(string ScenarioId, Verdict Expected, string Reason, string Link);
