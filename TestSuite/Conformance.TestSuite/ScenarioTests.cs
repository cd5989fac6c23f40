using System.Runtime.ExceptionServices;
using Conformance.Reports.Model;
using Conformance.Scenarios;
using Conformance.Scenarios.Running;
using Conformance.TestSuite.Results;

namespace Conformance.TestSuite;

/// <summary>
/// Every scenario of the catalog as one test, named by its id, with its family and each clause as
/// categories (<c>--filter Category=negotiate</c>, <c>--filter Category=3.3.5.4</c>) and its
/// requirement ids as properties. The verdict comes from the scenario: Failed with clause, expected,
/// actual and the frames; Inconclusive with the reason when the target lacks what it needs. Every
/// result is recorded (run file, Allure results, progress); a failure's capture is attached to the test.
/// Scenarios run side by side, as many at once as the run's <see cref="ScenarioScheduler"/> admits.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ScenarioTests
{
    public static IEnumerable<TestCaseData> Scenarios()
    {
        foreach (var scenario in ScenarioCatalog.All)
        {
            var data = new TestCaseData(scenario.Id).SetName(scenario.Id).SetCategory(scenario.Family);
            foreach (var clause in scenario.Clauses)
            {
                data.SetCategory(clause);
            }
            if (scenario.Profile != ServerProfile.None)
            {
                data.SetCategory(ScenarioDescriptor.ProfileCategory(scenario.Profile));
            }
            foreach (var requirement in scenario.Requirements)
            {
                data.SetProperty("Requirement", requirement);
            }
            if (scenario.Title.Length > 0)
            {
                data.SetDescription(scenario.Title);
            }
            yield return data;
        }
    }

    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario(string id)
    {
        var scenario = ScenarioCatalog.All.Single(candidate => candidate.Id == id);
        var run = SuiteSetup.Current;
        var outcome = new ScenarioOutcome(Verdict.Broken, "the scenario did not complete", null, null);
        await ScenarioExecution.RunAsync(scenario, run.Environment, async (context, end, start) =>
        {
            outcome = ScenarioOutcome.From(end);
            foreach (var observation in context.Observations)
            {
                await TestContext.Out.WriteLineAsync($"observed: {observation}");
            }
            var result = ScenarioResultCapture.From(scenario, outcome, context, run.Recorder.Target.Label, start, DateTimeOffset.UtcNow);
            var capture = await run.Recorder.RecordAsync(result);
            if (capture is not null)
            {
                TestContext.AddTestAttachment(capture, "frames of every connection as a pcap (TCP port 445)");
            }
        }, CancellationToken.None);
        switch (outcome.Verdict)
        {
            case Verdict.Inconclusive:
                Assert.Inconclusive(outcome.Message ?? "");
                break;
            case Verdict.Failed:
                Assert.Fail(outcome.Message ?? "");
                break;
            case Verdict.Broken when outcome.Exception is not null:
                ExceptionDispatchInfo.Throw(outcome.Exception);
                break;
            case Verdict.Broken:
                Assert.Fail(outcome.Message ?? "broken");
                break;
        }
    }
}
