using System.Reflection;
using Conformance.Reports.Model;
using Conformance.Scenarios;

namespace Conformance.TestSuite.Results;

/// <summary>
/// How a scenario ended, classified once: Passed; Failed by a check (or by not finishing in time);
/// Inconclusive; Broken by any other exception, which is kept to be rethrown as the test's error.
/// </summary>
public sealed record ScenarioOutcome(Verdict Verdict, string? Message, FailureDetail? Failure, Exception? Exception)
{
    public static async Task<ScenarioOutcome> RunAsync(ScenarioDescriptor scenario, ScenarioContext context, TimeSpan bound, CancellationToken cancellationToken)
    {
        try
        {
            await scenario.RunAsync(context).WaitAsync(bound, cancellationToken);
            return new ScenarioOutcome(Verdict.Passed, null, null, null);
        }
        catch (Exception e)
        {
            return Classify(e is TargetInvocationException { InnerException: { } inner } ? inner : e, scenario, context, bound);
        }
    }

    private static ScenarioOutcome Classify(Exception exception, ScenarioDescriptor scenario, ScenarioContext context, TimeSpan bound) => exception switch
    {
        ScenarioInconclusiveException inconclusive => new ScenarioOutcome(Verdict.Inconclusive, inconclusive.Message, null, null),
        ScenarioFailedException failed => new ScenarioOutcome(Verdict.Failed, failed.Message,
            new FailureDetail(failed.Clause, failed.Requirement, failed.Subject, failed.Expected, failed.Actual), null),
        TimeoutException => new ScenarioOutcome(Verdict.Failed,
            $"{scenario.Id} did not finish within {bound.TotalSeconds:0} s{Environment.NewLine}frames exchanged:{Environment.NewLine}{context.DumpExchange()}", null, null),
        _ => new ScenarioOutcome(Verdict.Broken, $"{exception.GetType().Name}: {exception.Message}", null, exception),
    };
}
