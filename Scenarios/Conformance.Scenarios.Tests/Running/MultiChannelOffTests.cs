using Conformance.Scenarios.Running;
using Conformance.TestSuite;

namespace Conformance.Scenarios.Tests.Running;

/// <summary>
/// The session-binding family against a reference server without multichannel (IsMultiChannelCapable
/// FALSE: no SMB2_GLOBAL_CAP_MULTI_CHANNEL): every scenario that needs it is Inconclusive and says so,
/// none passes or fails; the one about a server without it passes.
/// </summary>
[NonParallelizable]
public class MultiChannelOffTests
{
    /// <summary>The scenarios of the family about a connection without SMB2_GLOBAL_CAP_MULTI_CHANNEL.</summary>
    private static readonly string[] WithoutMultiChannel = ["session-binding.InterfaceQueryWithoutMultiChannel"];

    [Test]
    public async Task Every_session_binding_scenario_is_inconclusive_naming_multichannel()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var family = ScenarioCatalog.All.Where(scenario => scenario.Family == ScenarioFamily.SessionBinding).ToList();
        var started = await ReferenceServerTarget.StartAsync(maxDialect: null, profile: null, bound.Token, multiChannel: false);
        BatchFigures figures;
        await using (started.Server)
        {
            figures = await ScenarioBatch.RunAsync(started.Settings, family, 4,
                (_, scratch) => ReferenceServerTarget.Profiles(maxDialect: null, scratch, RunDefaults.ConnectionOptions, multiChannel: false), ReferenceServerFaultLog.Shared, bound.Token);
        }
        Assert.That(figures.Timings, Has.Count.EqualTo(family.Count));
        var wrong = figures.Timings
            .Where(timing => !WithoutMultiChannel.Contains(timing.Id))
            .Where(timing => timing.Verdict != ScenarioVerdict.Inconclusive
                || !(timing.Message ?? "").Contains("MULTI_CHANNEL", StringComparison.Ordinal) && !(timing.Message ?? "").Contains("MultiChannel", StringComparison.Ordinal))
            .Select(timing => $"{timing.Id}: {timing.Verdict}: {timing.Message}").ToList();
        Assert.That(wrong, Is.Empty, "session-binding scenarios not Inconclusive for the missing SMB2_GLOBAL_CAP_MULTI_CHANNEL");
        var without = figures.Timings.Where(timing => WithoutMultiChannel.Contains(timing.Id)).Select(timing => $"{timing.Id}: {timing.Verdict}: {timing.Message}").ToList();
        Assert.That(without, Has.Count.EqualTo(WithoutMultiChannel.Length).And.All.Contains(": Passed:"), "the scenarios about a server without multichannel");
    }
}
