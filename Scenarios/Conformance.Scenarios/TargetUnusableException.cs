namespace Conformance.Scenarios;

/// <summary>The target cannot be used at all (unreachable, logon refused): the run stops with this one message.</summary>
public sealed class TargetUnusableException(string message, Exception? inner = null) : Exception(message, inner);
