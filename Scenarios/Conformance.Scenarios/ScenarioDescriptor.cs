using System.Reflection;

namespace Conformance.Scenarios;

/// <summary>One scenario as the catalog found it.</summary>
public sealed record ScenarioDescriptor(string Id, string Family, IReadOnlyList<string> Clauses, IReadOnlyList<string> Requirements, string Title, MethodInfo Method,
    ServerProfile Profile = ServerProfile.None)
{
    /// <summary>The test category of scenarios needing <paramref name="profile"/>: <c>profile-EncryptsEverySession</c>.</summary>
    public static string ProfileCategory(ServerProfile profile) => $"profile-{profile}";

    /// <summary>Moves the context to a target with the scenario's profile (Inconclusive when there is none), then runs the scenario.</summary>
    public async Task RunAsync(ScenarioContext context)
    {
        if (Profile != ServerProfile.None)
        {
            await context.UseProfileAsync(Profile);
        }
        await (Task)Method.Invoke(null, [context])!;
    }

    public override string ToString() => Id;
}
