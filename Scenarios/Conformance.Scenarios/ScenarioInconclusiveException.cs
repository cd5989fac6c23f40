namespace Conformance.Scenarios;

/// <summary>The target lacks what the scenario needs (a dialect, a capability): no verdict, with the reason.</summary>
public sealed class ScenarioInconclusiveException(string reason) : Exception(reason);
