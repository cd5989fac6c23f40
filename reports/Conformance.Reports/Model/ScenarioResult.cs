using System.Text.Json.Serialization;

namespace Conformance.Reports.Model;

/// <summary>One scenario's run: what it is, its verdict and why, when it ran, against what, and every frame it exchanged.</summary>
public sealed record ScenarioResult
{
    public required string Id { get; init; }
    public required string Family { get; init; }
    public IReadOnlyList<string> Clauses { get; init; } = [];
    public IReadOnlyList<string> Requirements { get; init; } = [];
    public string Title { get; init; } = "";
    public required Verdict Verdict { get; init; }

    /// <summary>The verdict's message: the failure with its frames, the reason it is inconclusive, or the exception.</summary>
    public string? Message { get; init; }

    /// <summary>Set when <see cref="Verdict"/> is Failed by a check.</summary>
    public FailureDetail? Failure { get; init; }

    /// <summary>The stack trace of a Broken scenario.</summary>
    public string? Trace { get; init; }

    public DateTimeOffset Start { get; init; }
    public DateTimeOffset Stop { get; init; }

    /// <summary>The <see cref="TargetIdentity.Label"/> of the target.</summary>
    public string Target { get; init; } = "";

    /// <summary>The highest dialect negotiated on any of the scenario's connections.</summary>
    public string? Dialect { get; init; }

    public IReadOnlyList<string> Observations { get; init; } = [];
    public IReadOnlyList<ConnectionRecord> Connections { get; init; } = [];

    [JsonIgnore]
    public TimeSpan Duration => Stop - Start;
}
