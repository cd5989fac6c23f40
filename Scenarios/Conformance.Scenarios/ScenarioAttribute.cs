namespace Conformance.Scenarios;

/// <summary>
/// Marks a scenario: a public static method <c>Task Name(ScenarioContext context)</c>, tagged with
/// its family and the MS-SMB2 clause(s) it checks. The suite turns each into one test whose
/// categories are the family and every clause, so <c>dotnet test --filter Category=3.3.5.4</c>
/// selects by clause and <c>--filter Category=negotiate</c> by family.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ScenarioAttribute(string family, params string[] clauses) : Attribute
{
    public string Family { get; } = family;
    public IReadOnlyList<string> Clauses { get; } = clauses;

    /// <summary>Requirement ids the scenario's checks prove (e.g. "3.3.5.4#07").</summary>
    public string[] Requirements { get; init; } = [];

    /// <summary>One line saying what the scenario establishes, in our own words.</summary>
    public string Title { get; init; } = "";

    /// <summary>The server setup the scenario needs; it then runs against a target with it (category <c>profile-NAME</c>).</summary>
    public ServerProfile Profile { get; init; }

    /// <summary>
    /// The scenario needs the target to itself: it changes or counts server-wide state (a channel
    /// limit, the number of sessions or opens of the server, a server setting); a parallel run runs it
    /// when no other scenario runs.
    /// </summary>
    public bool RunsAlone { get; init; }
}
