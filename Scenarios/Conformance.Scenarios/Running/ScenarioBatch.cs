using System.Diagnostics;
using Conformance.Adapters.Client;

namespace Conformance.Scenarios.Running;

/// <summary>
/// Scenarios run in-process against one target the way the suite runs them (the bench's families, the
/// test that compares a serial run with a parallel one): probe the target, create the run's scratch
/// directory, run every scenario through <see cref="ScenarioExecution"/> with up to <c>workers</c> at
/// once, remove the scratch directory.
/// </summary>
public static class ScenarioBatch
{
    /// <param name="profiles">Where scenarios that need a server profile run, given the probed capabilities and the scratch directory's name.</param>
    public static async Task<BatchFigures> RunAsync(TargetSettings target, IReadOnlyList<ScenarioDescriptor> scenarios, int workers,
        Func<TargetCapabilities, string, IProfileTargets> profiles, IServerFaultLog? serverFaults, CancellationToken cancellationToken)
    {
        var options = RunDefaults.ConnectionOptions;
        var total = Stopwatch.StartNew();
        var capabilities = await TargetProbe.ProbeAsync(target, options, cancellationToken);
        var scratch = ScratchDirectory.NewName();
        await using (var client = await TargetProbe.LogOnAsync(target, options, cancellationToken))
        {
            await ScratchDirectory.CreateAsync(client, scratch, cancellationToken);
        }
        var setup = total.Elapsed;
        var profileTargets = profiles(capabilities, scratch);
        var timings = new ScenarioTiming[scenarios.Count];
        var scenariosEnd = setup;
        try
        {
            await using var directories = new ScenarioDirectories(target, options, scratch);
            var run = new RunEnvironment(target, capabilities, scratch, options, profileTargets, serverFaults, new ScenarioScheduler(workers), directories);
            await Task.WhenAll(scenarios.Select((scenario, index) => ScenarioExecution.RunAsync(scenario, run, (_, end, started) =>
            {
                timings[index] = new ScenarioTiming(scenario.Id, end.Verdict, DateTimeOffset.UtcNow - started, FirstLine(end.Message));
                return Task.CompletedTask;
            }, cancellationToken)));
        }
        finally
        {
            scenariosEnd = total.Elapsed;
            if (profileTargets is IAsyncDisposable started)
            {
                await started.DisposeAsync();
            }
            await using var client = await TargetProbe.LogOnAsync(target, options, cancellationToken);
            foreach (var entry in await ScratchDirectory.DeleteAsync(client, scratch, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"{target.Name}: could not delete {entry}");
            }
        }
        total.Stop();
        return new BatchFigures(target.Name, workers, setup, scenariosEnd - setup, total.Elapsed - scenariosEnd, total.Elapsed, timings);
    }

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].TrimEnd('\r');
}
