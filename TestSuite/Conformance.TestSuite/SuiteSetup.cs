using Conformance.Adapters.Client;
using Conformance.Scenarios;
using Conformance.Scenarios.Running;
using Conformance.TestSuite.Results;

namespace Conformance.TestSuite;

/// <summary>
/// Once per run: resolve the target (starting the built-in reference server when it is the target),
/// probe it, create the run's scratch directory, read how many scenarios may run at once
/// (<see cref="ScenarioWorkers"/>); afterwards remove that directory and stop what was started. A target that is misconfigured, unreachable or refuses the logon fails the whole run here,
/// within seconds, with one message — not once per scenario. Results go to the run file
/// (reports/out/run-&lt;target&gt;-&lt;timestamp&gt;.json) and the Allure results (see <see cref="OutputLocations"/>).
/// </summary>
[SetUpFixture]
public sealed class SuiteSetup
{
    private static readonly TimeSpan SetupBound = TimeSpan.FromSeconds(60);
    private static SuiteRun? current;
    private StartedTarget? referenceServer;
    private StartedProfileTargets? referenceProfiles;

    public static SuiteRun Current => current ?? throw new InvalidOperationException("the suite's one-time setup did not complete");

    public static ConnectionOptions ConnectionOptions => RunDefaults.ConnectionOptions;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var bound = new CancellationTokenSource(SetupBound);
        var configuration = TargetConfiguration.Read(name => TestContext.Parameters.Get(name), Environment.GetEnvironmentVariable);
        var workers = ScenarioWorkers.Read(name => TestContext.Parameters.Get(name), Environment.GetEnvironmentVariable);
        TargetSettings target;
        if (configuration.Kind == TargetConfiguration.Reference)
        {
            var runDirectory = OutputLocations.FromEnvironment(Environment.GetEnvironmentVariable, "reference").RunDirectory;
            Directory.CreateDirectory(runDirectory);
            ReferenceServerFaultLog.Shared.LogFile = Path.Combine(runDirectory, $"reference-server-{DateTimeOffset.UtcNow:yyyyMMddTHHmmss}.log");
            referenceServer = await ReferenceServerTarget.StartAsync(configuration.MaxDialect, profile: null, bound.Token);
            target = referenceServer.Settings;
        }
        else
        {
            target = configuration.ToRemoteSettings();
        }
        var started = DateTimeOffset.UtcNow;
        var capabilities = await TargetProbe.ProbeAsync(target, ConnectionOptions, bound.Token);
        var locations = OutputLocations.FromEnvironment(Environment.GetEnvironmentVariable, TargetIdentities.DefaultLabel(target));
        var recorder = new RunRecorder(locations, TargetIdentities.Of(locations.TargetLabel, target, capabilities), ScenarioCatalog.All.Count, started);
        var scratch = ScratchDirectory.NewName();
        await using (var client = await LogOnAsync(target, bound.Token))
        {
            await ScratchDirectory.CreateAsync(client, scratch, bound.Token);
        }
        IProfileTargets profiles = referenceServer is null
            ? new ObservedProfileTargets(target, capabilities, ConnectionOptions)
            : referenceProfiles = ReferenceServerTarget.Profiles(configuration.MaxDialect, scratch, ConnectionOptions);
        var environment = new RunEnvironment(target, capabilities, scratch, ConnectionOptions, profiles, ReferenceServerFaultLog.Shared,
            new ScenarioScheduler(workers), new ScenarioDirectories(target, ConnectionOptions, scratch));
        current = new SuiteRun(environment, recorder);
        await TestContext.Progress.WriteLineAsync($"target: {target}; {capabilities}; scratch directory \\{scratch}; " +
            (workers == 1 ? "scenarios run one at a time" : $"up to {workers} scenarios at once"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        try
        {
            if (current is { } run)
            {
                await run.Recorder.FinishAsync();
                await run.Environment.Directories.DisposeAsync();
                using var bound = new CancellationTokenSource(SetupBound);
                await using var client = await LogOnAsync(run.Environment.Target, bound.Token);
                var leftOver = await ScratchDirectory.DeleteAsync(client, run.Environment.ScratchDirectory, bound.Token);
                foreach (var entry in leftOver)
                {
                    await TestContext.Progress.WriteLineAsync($"could not delete {entry}");
                }
            }
        }
        finally
        {
            current = null;
            if (referenceProfiles is not null)
            {
                await referenceProfiles.DisposeAsync();
            }
            if (referenceServer is not null)
            {
                await referenceServer.Server.DisposeAsync();
            }
        }
    }

    private static Task<Smb2Client> LogOnAsync(TargetSettings target, CancellationToken cancellationToken) => TargetProbe.LogOnAsync(target, ConnectionOptions, cancellationToken);
}
