namespace Conformance.Bench.Family;

/// <summary>One scenario's verdict and wall time; <see cref="Message"/> is the first line of why it did not pass.</summary>
public sealed record ScenarioTiming(string Id, FamilyVerdict Verdict, TimeSpan Elapsed, string? Message);
