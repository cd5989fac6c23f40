using System.Reflection;
using Conformance.Scenarios;

namespace Conformance.TestSuite;

/// <summary>
/// Every scenario of the catalog as one test, named by its id, with its family and each clause as
/// categories (<c>--filter Category=negotiate</c>, <c>--filter Category=3.3.5.4</c>) and its
/// requirement ids as properties. The verdict comes from the scenario: Failed with clause, expected,
/// actual and the frames; Inconclusive with the reason when the target lacks what it needs.
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
        var context = new ScenarioContext(run.Target, run.Capabilities, run.ScratchDirectory, run.ConnectionOptions, bound.Token);
        try
        {
            await scenario.RunAsync(context).WaitAsync(ScenarioBound, bound.Token);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
        catch (ScenarioInconclusiveException e)
        {
            Assert.Inconclusive(e.Message);
        }
        catch (ScenarioFailedException e)
        {
            Assert.Fail(e.Message);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{id} did not finish within {ScenarioBound.TotalSeconds:0} s{Environment.NewLine}frames exchanged:{Environment.NewLine}{context.DumpExchange()}");
        }
        finally
        {
            foreach (var observation in context.Observations)
            {
                await TestContext.Out.WriteLineAsync($"observed: {observation}");
            }
            await context.DisposeAsync();
        }
    }
}
