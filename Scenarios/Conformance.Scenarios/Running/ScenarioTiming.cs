namespace Conformance.Scenarios.Running;

/// <summary>One scenario's verdict and wall time (from its admission); <see cref="Message"/> is the first line of why it did not pass.</summary>
public sealed record ScenarioTiming(string Id, ScenarioVerdict Verdict, TimeSpan Elapsed, string? Message);
