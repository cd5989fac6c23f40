namespace Conformance.Bench.Family;

/// <summary>How a scenario ended, classified as the suite does (TestSuite's ScenarioOutcome).</summary>
public enum FamilyVerdict
{
    Passed,
    Failed,
    Inconclusive,
    Broken,
}
