using System.Diagnostics;
using System.Reflection;
using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Scenarios;

namespace Conformance.Bench.Family;

/// <summary>
/// A family of scenarios run in-process against one target the way the suite runs them: probe the
/// target, create the run's scratch directory, run each scenario sequentially with its own
/// <see cref="ScenarioContext"/> bounded by <see cref="ScenarioBound"/>, remove the scratch directory.
/// </summary>
public static class FamilyRun
{
    public static readonly TimeSpan ScenarioBound = TimeSpan.FromSeconds(60);

    /// <summary>The suite's connection options (TestSuite's SuiteSetup).</summary>
    public static ConnectionOptions ConnectionOptions { get; } = new()
    {
        Transport = TransportOptions.Default with { Timeouts = TransportTimeouts.Default with { Connect = TimeSpan.FromSeconds(5), Receive = TimeSpan.FromSeconds(10) } },
        ResponseTimeout = TimeSpan.FromSeconds(10),
    };

    /// <param name="profiles">Where scenarios that need a server profile run, given the probed capabilities and the scratch directory's name.</param>
    public static async Task<FamilyFigures> RunAsync(TargetSettings target, IReadOnlyList<ScenarioDescriptor> scenarios,
        Func<TargetCapabilities, string, IProfileTargets> profiles, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var capabilities = await TargetProbe.ProbeAsync(target, ConnectionOptions, cancellationToken);
        var scratch = ScratchDirectory.NewName();
        await using (var client = await LogOnAsync(target, cancellationToken))
        {
            await ScratchDirectory.CreateAsync(client, scratch, cancellationToken);
        }
        var setup = total.Elapsed;
        var profileTargets = profiles(capabilities, scratch);

        var timings = new List<ScenarioTiming>();
        var scenariosEnd = setup;
        try
        {
            foreach (var scenario in scenarios)
            {
                timings.Add(await RunScenarioAsync(scenario, target, capabilities, scratch, profileTargets, cancellationToken));
            }
        }
        finally
        {
            scenariosEnd = total.Elapsed;
            if (profileTargets is IAsyncDisposable started)
            {
                await started.DisposeAsync();
            }
            await using var client = await LogOnAsync(target, cancellationToken);
            foreach (var entry in await ScratchDirectory.DeleteAsync(client, scratch, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"{target.Name}: could not delete {entry}");
            }
        }
        total.Stop();
        return new FamilyFigures(target.Name, setup, scenariosEnd - setup, total.Elapsed - scenariosEnd, total.Elapsed, timings);
    }

    private static async Task<ScenarioTiming> RunScenarioAsync(ScenarioDescriptor scenario, TargetSettings target, TargetCapabilities capabilities, string scratch,
        IProfileTargets profiles, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ScenarioBound);
        var elapsed = Stopwatch.StartNew();
        var context = new ScenarioContext(target, capabilities, scratch, ConnectionOptions, bound.Token, profiles, Conformance.TestSuite.ReferenceServerFaultLog.Shared);
        FamilyVerdict verdict;
        string? message = null;
        try
        {
            await scenario.RunAsync(context).WaitAsync(ScenarioBound, bound.Token);
            verdict = FamilyVerdict.Passed;
        }
        catch (Exception e)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            verdict = cause switch
            {
                ScenarioInconclusiveException => FamilyVerdict.Inconclusive,
                ScenarioFailedException or TimeoutException => FamilyVerdict.Failed,
                _ => FamilyVerdict.Broken,
            };
            message = cause is TimeoutException ? $"did not finish within {ScenarioBound.TotalSeconds:0} s" : FirstLine($"{cause.GetType().Name}: {cause.Message}");
        }
        finally
        {
            await context.DisposeAsync();
        }
        return new ScenarioTiming(scenario.Id, verdict, elapsed.Elapsed, message);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    private static Task<Smb2Client> LogOnAsync(TargetSettings target, CancellationToken cancellationToken) => TargetProbe.LogOnAsync(target, ConnectionOptions, cancellationToken);
}
