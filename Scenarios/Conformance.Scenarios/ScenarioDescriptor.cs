using System.Reflection;

namespace Conformance.Scenarios;

/// <summary>One scenario as the catalog found it.</summary>
public sealed record ScenarioDescriptor(string Id, string Family, IReadOnlyList<string> Clauses, IReadOnlyList<string> Requirements, string Title, MethodInfo Method,
    ServerProfile Profile = ServerProfile.None)
{
    /// <summary>The scenario needs the target to itself (<see cref="ScenarioAttribute.RunsAlone"/>).</summary>
    public bool RunsAlone { get; init; }

    /// <summary>The test category of scenarios needing <paramref name="profile"/>: <c>profile-EncryptsEverySession</c>.</summary>
    public static string ProfileCategory(ServerProfile profile) => $"profile-{profile}";

    /// <summary>
    /// Moves the context to a target with the scenario's profile (Inconclusive when there is none), then
    /// runs the scenario. When the server failed in itself meanwhile, the scenario ends with a
    /// <see cref="ServerFaultException"/> instead of whatever it observed: never passed or failed on an
    /// answer the server did not mean.
    /// </summary>
    public async Task RunAsync(ScenarioContext context)
    {
        try
        {
            if (Profile != ServerProfile.None)
            {
                await context.UseProfileAsync(Profile);
            }
            await (Task)Method.Invoke(null, [context])!;
        }
        catch (Exception observed) when (context.ServerFaults() is { Count: > 0 } faults)
        {
            throw new ServerFaultException(faults, observed is TargetInvocationException { InnerException: { } inner } ? inner : observed);
        }
        if (context.ServerFaults() is { Count: > 0 } unexpected)
        {
            throw new ServerFaultException(unexpected);
        }
    }

    public override string ToString() => Id;
}
