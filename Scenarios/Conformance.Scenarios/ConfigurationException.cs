namespace Conformance.Scenarios;

/// <summary>A setting is missing or malformed: the run stops before any scenario, with this message.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
