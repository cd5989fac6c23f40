using System.Runtime.ExceptionServices;
using Conformance.Reports.Model;
using Conformance.Scenarios;
using Conformance.TestSuite.Results;

namespace Conformance.TestSuite;

/// <summary>
/// Every scenario of the catalog as one test, named by its id, with its family and each clause as
/// categories (<c>--filter Category=negotiate</c>, <c>--filter Category=3.3.5.4</c>) and its
/// requirement ids as properties. The verdict comes from the scenario: Failed with clause, expected,
/// actual and the frames; Inconclusive with the reason when the target lacks what it needs. Every
/// result is recorded (run file, Allure results, progress); a failure's capture is attached to the test.
/// </summary>
public sealed class ScenarioTests
{
    private static readonly TimeSpan ScenarioBound = TimeSpan.FromSeconds(60);

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
        using var bound = new CancellationTokenSource(ScenarioBound);
        var context = new ScenarioContext(run.Target, run.Capabilities, run.ScratchDirectory, run.ConnectionOptions, bound.Token, run.Profiles, run.ServerFaults);
        var start = DateTimeOffset.UtcNow;
        var outcome = new ScenarioOutcome(Verdict.Broken, "the scenario did not complete", null, null);
        try
        {
            outcome = await ScenarioOutcome.RunAsync(scenario, context, ScenarioBound, bound.Token);
        }
        finally
        {
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
            await context.DisposeAsync();
        }
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
        }
    }
}
