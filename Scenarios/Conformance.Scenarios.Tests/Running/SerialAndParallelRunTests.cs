using Conformance.Scenarios.Running;
using Conformance.TestSuite;

namespace Conformance.Scenarios.Tests.Running;

/// <summary>
/// The whole catalog against the built-in reference server, once one scenario at a time and once
/// side by side: every scenario gets the same verdict both ways (and every one passes, the reference
/// server being the baseline).
/// </summary>
[NonParallelizable]
public class SerialAndParallelRunTests
{
    private const int Workers = 4;

    [Test]
    public async Task Every_verdict_is_the_same_one_at_a_time_and_side_by_side()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var serial = await RunAsync(1, bound.Token);
        var parallel = await RunAsync(Workers, bound.Token);
        var serialVerdicts = serial.Timings.ToDictionary(timing => timing.Id, timing => timing.Verdict);
        var differences = parallel.Timings.Where(timing => serialVerdicts[timing.Id] != timing.Verdict)
            .Select(timing => $"{timing.Id}: {serialVerdicts[timing.Id]} one at a time, {timing.Verdict} side by side: {timing.Message}").ToList();
        Assert.That(differences, Is.Empty, "verdicts that depend on running side by side");
        var notPassed = serial.Timings.Where(timing => timing.Verdict != ScenarioVerdict.Passed).Select(timing => $"{timing.Id}: {timing.Verdict}: {timing.Message}").ToList();
        Assert.That(notPassed, Is.Empty, "scenarios that do not pass on the reference server");
        await TestContext.Progress.WriteLineAsync($"{serial.Timings.Count} scenarios: {serial.Total.TotalSeconds:0.0} s one at a time, {parallel.Total.TotalSeconds:0.0} s with {Workers} workers");
    }

    private static async Task<BatchFigures> RunAsync(int workers, CancellationToken cancellationToken)
    {
        var started = await ReferenceServerTarget.StartAsync(maxDialect: null, profile: null, cancellationToken);
        await using (started.Server)
        {
            return await ScenarioBatch.RunAsync(started.Settings, ScenarioCatalog.All, workers,
                (_, scratch) => ReferenceServerTarget.Profiles(maxDialect: null, scratch, RunDefaults.ConnectionOptions), ReferenceServerFaultLog.Shared, cancellationToken);
        }
    }
}
