namespace Conformance.Reports.Model;

/// <summary>
/// The outcome of one scenario: Passed, Failed (the target answered against the spec), Broken (the
/// scenario or the suite failed for another reason) or Inconclusive (the target lacks what the
/// scenario needs; Allure shows it as skipped).
/// </summary>
public enum Verdict
{
    Passed,
    Failed,
    Broken,
    Inconclusive,
}
