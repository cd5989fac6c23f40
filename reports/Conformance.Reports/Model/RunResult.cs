namespace Conformance.Reports.Model;

/// <summary>
/// One run of the suite against one target (reports/out/run-&lt;target&gt;-&lt;timestamp&gt;.json): the target,
/// every scenario result and the titles of the clauses they cite.
/// </summary>
public sealed record RunResult
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required TargetIdentity Target { get; init; }
    public DateTimeOffset Started { get; init; }
    public DateTimeOffset Finished { get; init; }
    public IReadOnlyList<ScenarioResult> Scenarios { get; init; } = [];
    public IReadOnlyDictionary<string, string> ClauseTitles { get; init; } = new Dictionary<string, string>();
}
