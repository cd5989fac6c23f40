using Conformance.Reports.Model;
using Conformance.Scenarios;
using Conformance.Scenarios.Running;

namespace Conformance.TestSuite.Results;

/// <summary>
/// How a scenario ended (<see cref="ScenarioEnd"/>) in the terms of the run file: its verdict, message,
/// the failed check's details, and for a broken scenario the exception to rethrow as the test's error.
/// </summary>
public sealed record ScenarioOutcome(Verdict Verdict, string? Message, FailureDetail? Failure, Exception? Exception)
{
    public static ScenarioOutcome From(ScenarioEnd end) => end.Verdict switch
    {
        ScenarioVerdict.Passed => new ScenarioOutcome(Verdict.Passed, null, null, null),
        ScenarioVerdict.Inconclusive => new ScenarioOutcome(Verdict.Inconclusive, end.Message, null, null),
        ScenarioVerdict.Failed => new ScenarioOutcome(Verdict.Failed, end.Message,
            end.Cause is ScenarioFailedException failed ? new FailureDetail(failed.Clause, failed.Requirement, failed.Subject, failed.Expected, failed.Actual) : null, null),
        _ => new ScenarioOutcome(Verdict.Broken, end.Message, null, end.Cause),
    };
}
