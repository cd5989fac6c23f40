using System.Reflection;

namespace Conformance.Scenarios.Running;

/// <summary>
/// How a scenario ended, classified once for the suite and the bench: Passed; Failed by a check (or by
/// not finishing within its bound, with every frame exchanged); Inconclusive with the reason; Broken by
/// any other exception, kept in <see cref="Cause"/>.
/// </summary>
public sealed record ScenarioEnd(ScenarioVerdict Verdict, string? Message, Exception? Cause)
{
    public static async Task<ScenarioEnd> RunAsync(ScenarioDescriptor scenario, ScenarioContext context, TimeSpan bound, CancellationToken cancellationToken)
    {
        try
        {
            await scenario.RunAsync(context).WaitAsync(bound, cancellationToken);
            return new ScenarioEnd(ScenarioVerdict.Passed, null, null);
        }
        catch (Exception e)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            return cause switch
            {
                ScenarioInconclusiveException => new ScenarioEnd(ScenarioVerdict.Inconclusive, cause.Message, cause),
                ScenarioFailedException => new ScenarioEnd(ScenarioVerdict.Failed, cause.Message, cause),
                TimeoutException => new ScenarioEnd(ScenarioVerdict.Failed,
                    $"{scenario.Id} did not finish within {bound.TotalSeconds:0} s{Environment.NewLine}frames exchanged:{Environment.NewLine}{context.DumpExchange()}", cause),
                _ => new ScenarioEnd(ScenarioVerdict.Broken, $"{cause.GetType().Name}: {cause.Message}", cause),
            };
        }
    }
}
