using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Scenarios.Tests.Faults;

/// <summary>
/// The MS-SMB2 4.9 trace scenario fails on a server that answers the replayed CREATE without
/// SMB2_FLAGS_REPLAY_OPERATION (a reference server whose CREATE responses are tampered with), and its
/// message names the step of the trace, the field, what was expected and what came.
/// </summary>
public class ReplayTraceFailureTests
{
    private const string ScenarioId = "replay.ReplayCreateOnAnAlternateChannel";

    [Test]
    public async Task A_replayed_create_answered_without_the_replay_flag_fails_naming_the_step_and_field()
    {
        var exception = await ReferenceScenarioRun.RunAsync(new ServerConfiguration { ResponseTamper = DropReplayFlagOfCreates }, ScenarioId, makeScratch: true);
        Assert.That(exception, Is.TypeOf<ScenarioFailedException>());
        var failed = (ScenarioFailedException)exception!;
        Assert.That(failed.Subject, Does.Contain("MS-SMB2 4.9 step 5").And.Contain("Flags"));
        Assert.That(failed.Expected, Is.EqualTo("0x20000001"));
        Assert.That(failed.Actual, Is.EqualTo("0x00000001"));
        Assert.That(failed.Message, Does.Contain("MS-SMB2 4.9 step 5, the replayed CREATE's response: Flags"));
    }

    [Test]
    public async Task The_same_scenario_passes_on_the_reference_server() =>
        Assert.That(await ReferenceScenarioRun.RunAsync(new ServerConfiguration(), ScenarioId, makeScratch: true), Is.Null);

    private static void DropReplayFlagOfCreates(Smb2Header header)
    {
        if (header.Command == Smb2Command.Create)
        {
            header.Flags &= ~Smb2HeaderFlags.ReplayOperation;
        }
    }
}
