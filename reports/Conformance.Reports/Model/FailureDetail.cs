namespace Conformance.Reports.Model;

/// <summary>What a failed check said: the clause and requirement it cites, what it looked at, expected and actual.</summary>
public sealed record FailureDetail(string Clause, string? Requirement, string Subject, string Expected, string Actual);
