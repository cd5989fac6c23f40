namespace Conformance.Scenarios;

/// <summary>The target answered against the spec: clause, requirement, what was expected and what came back.</summary>
public sealed class ScenarioFailedException(string clause, string? requirement, string subject, string expected, string actual, string exchange)
    : Exception(Format(clause, requirement, subject, expected, actual, exchange))
{
    public string Clause { get; } = clause;
    public string? Requirement { get; } = requirement;
    public string Subject { get; } = subject;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
    public string Exchange { get; } = exchange;

    private static string Format(string clause, string? requirement, string subject, string expected, string actual, string exchange) =>
        $"MS-SMB2 {clause}{(requirement is null ? "" : $" [{requirement}]")}: {subject}{Environment.NewLine}" +
        $"  expected: {expected}{Environment.NewLine}" +
        $"  actual:   {actual}{Environment.NewLine}" +
        (exchange.Length == 0 ? "" : $"frames exchanged:{Environment.NewLine}{exchange}");
}
