namespace Conformance.Bench.Family;

/// <summary>
/// One target's run of a family: the time to probe it and create the scratch directory, to run the
/// scenarios one after the other, to remove the scratch directory, and in all; each scenario's timing.
/// </summary>
public sealed record FamilyFigures(string Target, TimeSpan Setup, TimeSpan Scenarios, TimeSpan Cleanup, TimeSpan Total, IReadOnlyList<ScenarioTiming> Timings)
{
    public int Count(FamilyVerdict verdict) => Timings.Count(timing => timing.Verdict == verdict);
}
