namespace Conformance.Scenarios;

/// <summary>Where a scenario that needs a <see cref="ServerProfile"/> runs.</summary>
public interface IProfileTargets
{
    /// <summary>A target set up with <paramref name="profile"/>; throws <see cref="ScenarioInconclusiveException"/> with the reason when there is none.</summary>
    Task<TargetSettings> GetAsync(ServerProfile profile, CancellationToken cancellationToken);
}
