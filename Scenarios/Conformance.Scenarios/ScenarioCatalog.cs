using System.Reflection;

namespace Conformance.Scenarios;

/// <summary>Every [Scenario] method of this assembly, in a stable order.</summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<IReadOnlyList<ScenarioDescriptor>> Scenarios = new(Discover);

    public static IReadOnlyList<ScenarioDescriptor> All => Scenarios.Value;

    private static IReadOnlyList<ScenarioDescriptor> Discover()
    {
        var found = new List<ScenarioDescriptor>();
        foreach (var type in typeof(ScenarioCatalog).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                var attribute = method.GetCustomAttribute<ScenarioAttribute>();
                if (attribute is null)
                {
                    continue;
                }
                var parameters = method.GetParameters();
                if (method.ReturnType != typeof(Task) || parameters.Length != 1 || parameters[0].ParameterType != typeof(ScenarioContext))
                {
                    throw new InvalidOperationException($"{type.Name}.{method.Name}: a scenario is 'public static Task Name(ScenarioContext context)'");
                }
                if (attribute.Clauses.Count == 0)
                {
                    throw new InvalidOperationException($"{type.Name}.{method.Name}: a scenario names at least one clause");
                }
                found.Add(new ScenarioDescriptor($"{attribute.Family}.{method.Name}", attribute.Family, attribute.Clauses, attribute.Requirements, attribute.Title, method, attribute.Profile)
                {
                    RunsAlone = attribute.RunsAlone,
                });
            }
        }
        var duplicate = found.GroupBy(scenario => scenario.Id).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two scenarios share the id {duplicate.Key}");
        }
        return found.OrderBy(scenario => scenario.Family, StringComparer.Ordinal).ThenBy(scenario => scenario.Id, StringComparer.Ordinal).ToList();
    }
}
