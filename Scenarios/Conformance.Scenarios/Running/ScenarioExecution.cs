using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;

namespace Conformance.Scenarios.Running;

/// <summary>
/// Runs one scenario of a run: waits for its turn (<see cref="ScenarioScheduler"/>), creates its own
/// directory, runs it with its own <see cref="ScenarioContext"/> within <see cref="RunDefaults.ScenarioBound"/>,
/// and hands the context and how it ended to <c>finished</c> before the context's connections close.
/// </summary>
public static class ScenarioExecution
{
    public static async Task RunAsync(ScenarioDescriptor scenario, RunEnvironment run, Func<ScenarioContext, ScenarioEnd, DateTimeOffset, Task> finished,
        CancellationToken cancellationToken)
    {
        using var admission = await run.Scheduler.EnterAsync(scenario.RunsAlone, cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(RunDefaults.ScenarioBound);
        var started = DateTimeOffset.UtcNow;
        var context = new ScenarioContext(run.Target, run.Capabilities, ScratchDirectory.ForScenario(run.ScratchDirectory, scenario.Id), run.ConnectionOptions,
            bound.Token, run.Profiles, run.ServerFaults);
        await using (context)
        {
            var end = await CreateDirectoryAsync(run, scenario, context, bound.Token)
                ?? await ScenarioEnd.RunAsync(scenario, context, RunDefaults.ScenarioBound, bound.Token);
            await finished(context, end, started);
        }
    }

    /// <summary>Null once the scenario's directory exists; how the scenario ended when it could not be made.</summary>
    private static async Task<ScenarioEnd?> CreateDirectoryAsync(RunEnvironment run, ScenarioDescriptor scenario, ScenarioContext context, CancellationToken cancellationToken)
    {
        try
        {
            await run.Directories.CreateAsync(scenario.Id, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is TargetUnusableException or TransportException or Smb2ClientException or OperationCanceledException)
        {
            return new ScenarioEnd(ScenarioVerdict.Broken, $"could not create its directory \\{context.ScratchDirectory}: {e.GetType().Name}: {e.Message}", e);
        }
    }
}
