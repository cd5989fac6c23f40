namespace Conformance.Scenarios.Running;

/// <summary>How a scenario ended.</summary>
public enum ScenarioVerdict
{
    Passed,

    /// <summary>A check failed, or the scenario did not finish within its bound.</summary>
    Failed,

    /// <summary>The target lacks what the scenario needs; the reason says what.</summary>
    Inconclusive,

    /// <summary>Anything else went wrong (an exception no check raised, a fault of the reference server).</summary>
    Broken,
}
