namespace Conformance.Scenarios;

/// <summary>Where a scenario that needs a <see cref="ServerProfile"/> runs.</summary>
public interface IProfileTargets
{
    /// <summary>A target set up with <paramref name="profile"/>; throws <see cref="ScenarioInconclusiveException"/> with the reason when there is none.</summary>
    Task<TargetSettings> GetAsync(ServerProfile profile, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the scenario's own directory exist on the <paramref name="profile"/> target too, when that
    /// is another server than the run's target (whose scenario directories the run creates itself).
    /// </summary>
    Task CreateScenarioDirectoryAsync(ServerProfile profile, string scenarioDirectory, CancellationToken cancellationToken) => Task.CompletedTask;
}
