using System.Reflection;

namespace Conformance.Scenarios;

/// <summary>One scenario as the catalog found it.</summary>
public sealed record ScenarioDescriptor(string Id, string Family, IReadOnlyList<string> Clauses, IReadOnlyList<string> Requirements, string Title, MethodInfo Method)
{
    public Task RunAsync(ScenarioContext context) => (Task)Method.Invoke(null, [context])!;

    public override string ToString() => Id;
}
