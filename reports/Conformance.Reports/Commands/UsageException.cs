namespace Conformance.Reports.Commands;

/// <summary>The command line is wrong: the tool prints this message and its usage, and exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);
