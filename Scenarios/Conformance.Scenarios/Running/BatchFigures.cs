namespace Conformance.Scenarios.Running;

/// <summary>
/// One target's run of a set of scenarios: the time to probe it and create the scratch directory, to
/// run the scenarios (<see cref="Workers"/> at a time), to remove the scratch directory, and in all;
/// each scenario's timing, in the order they were given.
/// </summary>
public sealed record BatchFigures(string Target, int Workers, TimeSpan Setup, TimeSpan Scenarios, TimeSpan Cleanup, TimeSpan Total, IReadOnlyList<ScenarioTiming> Timings)
{
    public int Count(ScenarioVerdict verdict) => Timings.Count(timing => timing.Verdict == verdict);
}
