using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.ReplaySteps;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// The ChannelSequence of 3.x requests naming an open (3.3.5.2.10): a newer one becomes the open's, an
/// older one fails WRITE, SET_INFO and IOCTL with STATUS_FILE_NOT_AVAILABLE, other commands pass; 2.x
/// has no such field. The CREATE carries ChannelSequence 0; 5 and 7 are newer (16-bit difference at most
/// 0x7FFF), and after 5, 4 is older (4 - 5 is 0xFFFF in 16-bit arithmetic).
/// </summary>
public static class ChannelSequenceScenarios
{
    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#04", "3.3.5.2.10#05", "3.3.5.2.10#09"], Title = "3.x: a WRITE whose ChannelSequence is older than the open's: STATUS_FILE_NOT_AVAILABLE, with or without SMB2_FLAGS_REPLAY_OPERATION")]
    public static async Task StaleChannelSequenceWriteIsFileNotAvailable(ScenarioContext context)
    {
        var (client, open) = await FileAtSmb3Async(context, "channel-sequence");
        var connection = client.Connection;
        var newer = await Write(context, client, open, 5, replay: false, 0x11);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#05", "WRITE with ChannelSequence 5 (newer than the open's 0)", NtStatus.Success, newer.Status);
        var stale = await Write(context, client, open, 4, replay: false, 0x22);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#04, 3.3.5.2.10#05", "WRITE with ChannelSequence 4 after one with 5 (the open adopted 5)", NtStatus.FileNotAvailable, stale.Status);
        var staleReplay = await Write(context, client, open, 4, replay: true, 0x33);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09", "WRITE with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 4 after one with 5", NtStatus.FileNotAvailable, staleReplay.Status);
        var read = await connection.ReadAsync(open, 0, 16, context.CancellationToken);
        var first = read.Body is { Data.Length: > 0 } body ? body.Data.Span[0] : (byte?)null;
        context.CheckTrue("3.3.5.2.10", "3.3.5.2.10#05", "the file's first byte after the refused WRITEs", first == 0x11,
            "0x11, from the WRITE with ChannelSequence 5", first is { } value ? $"0x{value:X2}" : NtStatus.Describe(read.Status));
        await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: a SET_INFO whose ChannelSequence is older than the open's: STATUS_FILE_NOT_AVAILABLE; with the open's own it is not")]
    public static Task StaleChannelSequenceSetInfoIsFileNotAvailable(ScenarioContext context) =>
        ExpectStaleRefusedAsync(context, "channel-sequence-set-info", "SET_INFO FileEndOfFileInformation",
            open => EndOfFile(open, 8));

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: an IOCTL on an open whose ChannelSequence is older than the open's: STATUS_FILE_NOT_AVAILABLE, whatever the FSCTL; with the open's own it is not")]
    public static Task StaleChannelSequenceIoctlIsFileNotAvailable(ScenarioContext context) =>
        ExpectStaleRefusedAsync(context, "channel-sequence-ioctl", "IOCTL FSCTL_SRV_REQUEST_RESUME_KEY on the open",
            open => ResumeKey(open));

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#05"],
        Title = "3.x: a READ whose ChannelSequence is older than the open's is served (only WRITE, SET_INFO and IOCTL fail)")]
    public static async Task StaleChannelSequenceReadIsServed(ScenarioContext context)
    {
        var (client, open) = await FileAtSmb3Async(context, "channel-sequence-read");
        await AdoptFiveAsync(context, client, open);
        var read = await SendAsync(context, client, Read(open), 4, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#05", "READ with ChannelSequence 4 (the open's is 5)", NtStatus.Success, read.Status);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#05", "3.3.5.2.10#08"],
        Title = "3.x: a WRITE with SMB2_FLAGS_REPLAY_OPERATION and a newer ChannelSequence is served and the open adopts it: a WRITE with the previous one is then stale")]
    public static async Task ReplayWithNewerChannelSequenceIsAdopted(ScenarioContext context)
    {
        var (client, open) = await FileAtSmb3Async(context, "channel-sequence-replay");
        // No request of an older epoch is outstanding (each is answered before the next is sent): the replay takes the 0x7FFF branch.
        var replay = await Write(context, client, open, 7, replay: true, 0x44);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#08", "WRITE with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 7 (newer than the open's 0)", NtStatus.Success, replay.Status);
        var stale = await Write(context, client, open, 6, replay: false, 0x55);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#05, 3.3.5.2.10#08", "WRITE with ChannelSequence 6 after the replay with 7 (the open adopted 7)", NtStatus.FileNotAvailable, stale.Status);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", "2.2.1.2", Requirements = ["3.3.5.2.10#01", "2.2.1.2#06"],
        Title = "2.0.2 and 2.1: the checks of 3.3.5.2.10 are skipped; a WRITE whose header Status field holds what would be a stale ChannelSequence at 3.x is served")]
    public static async Task ChannelSequenceIsIgnoredBelow3(ScenarioContext context)
    {
        var dialects = context.Capabilities.Dialects.Where(dialect => dialect is Dialect.Smb202 or Dialect.Smb210).Order().ToList();
        if (dialects.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates neither 2.0.2 nor 2.1");
        }
        foreach (var dialect in dialects)
        {
            var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));
            var open = await FileSteps.CreateScratchFileAsync(context, client, "channel-sequence-2x");
            // 0x8000 ahead of the CREATE's 0: at 3.x too far to be newer, so stale; at 2.x the field is a Status the server ignores.
            var written = await Write(context, client, open, 0x8000, replay: false, 0x66);
            context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#01, 2.2.1.2#06", $"{dialect.ToDisplayString()} WRITE whose header Status field is 0x00008000", NtStatus.Success, written.Status);
            await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        }
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#02", "3.3.5.2.10#03", "3.3.5.2.10#09"],
        Title = "3.x: a request of an older epoch still outstanding (a CHANGE_NOTIFY) fails a replayed SET_INFO with the open's ChannelSequence: STATUS_FILE_NOT_AVAILABLE")]
    public static async Task ReplayWhileAnOlderEpochIsOutstandingIsFileNotAvailable(ScenarioContext context)
    {
        var (client, directory, notify) = await OlderEpochOutstandingAsync(context, "outstanding-equal");
        var replay = await SendAsync(context, client, NoChange(directory), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09",
            "SET_INFO with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1, the open's, while the CHANGE_NOTIFY of ChannelSequence 0 is outstanding (OutstandingPreRequestCount 1)",
            NtStatus.FileNotAvailable, replay.Status);
        await EndAsync(context, client, directory, notify);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", "3.3.4.1", Requirements = ["3.3.5.2.10#06", "3.3.4.1#04"],
        Title = "3.x: once the older epoch's request completes, the same replayed SET_INFO is served (its count went with its final response)")]
    public static async Task ReplayAfterTheOlderEpochCompletesIsServed(ScenarioContext context)
    {
        var (client, directory, notify) = await OlderEpochOutstandingAsync(context, "outstanding-completed");
        var cancelled = await CancelAsync(context, client.Connection, notify);
        context.CheckStatus("3.3.5.16", null, "the cancelled CHANGE_NOTIFY of ChannelSequence 0", NtStatus.Cancelled, cancelled.Status);
        var replay = await SendAsync(context, client, NoChange(directory), 1, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#06, 3.3.4.1#04",
            "SET_INFO with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 1, the open's, with no older request outstanding (the cancelled CHANGE_NOTIFY's final response decremented OutstandingPreRequestCount)", NtStatus.Success, replay.Status);
        await client.Connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: a replay with a newer ChannelSequence fails while an older epoch's request is outstanding, and is adopted once it completed")]
    public static async Task NewerReplayWaitsForTheOlderEpoch(ScenarioContext context)
    {
        var (client, directory, notify) = await OlderEpochOutstandingAsync(context, "outstanding-newer");
        var early = await SendAsync(context, client, NoChange(directory), 2, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#09",
            "SET_INFO with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 2 (newer) while the CHANGE_NOTIFY of ChannelSequence 0 is outstanding", NtStatus.FileNotAvailable, early.Status);
        await CancelAsync(context, client.Connection, notify);
        var adopted = await SendAsync(context, client, NoChange(directory), 2, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "the same replay once nothing older is outstanding", NtStatus.Success, adopted.Status);
        var stale = await SendAsync(context, client, NoChange(directory), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#08", "SET_INFO with ChannelSequence 1 after the replay with 2 (the open adopted 2)", NtStatus.FileNotAvailable, stale.Status);
        await client.Connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }

    /// <summary>
    /// A directory open whose CHANGE_NOTIFY with ChannelSequence 0 is pending (counted in
    /// OutstandingRequestCount), then a SET_INFO with 1 (the open adopts it; the pending one now counts
    /// in OutstandingPreRequestCount).
    /// </summary>
    private static async Task<(Smb2Client Client, Open Directory, PendingRequest Notify)> OlderEpochOutstandingAsync(ScenarioContext context, string name)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        var directory = await DirectoryAsync(context, client, name);
        var notify = await HoldNotifyAsync(context, client, directory, 0);
        var newer = await SendAsync(context, client, NoChange(directory), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#03", "SET_INFO with ChannelSequence 1 (newer than the open's 0) while the CHANGE_NOTIFY is outstanding", NtStatus.Success, newer.Status);
        return (client, directory, notify);
    }

    private static async Task EndAsync(ScenarioContext context, Smb2Client client, Open directory, PendingRequest notify)
    {
        await CancelAsync(context, client.Connection, notify);
        await client.Connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }

    /// <summary>A WRITE with ChannelSequence 5, which the open adopts.</summary>
    private static async Task AdoptFiveAsync(ScenarioContext context, Smb2Client client, Open open)
    {
        var newer = await SendAsync(context, client, ReplaySteps.Write(open, 0x11), 5, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#04", "WRITE with ChannelSequence 5 (newer than the open's 0)", NtStatus.Success, newer.Status);
    }

    private static Task<Smb2Response> Write(ScenarioContext context, Smb2Client client, Open open, ushort channelSequence, bool replay, byte fill) =>
        SendAsync(context, client, ReplaySteps.Write(open, fill), channelSequence, replay);

    /// <summary>
    /// After a WRITE with ChannelSequence 5 (adopted), <paramref name="build"/>'s request with 4 fails with
    /// STATUS_FILE_NOT_AVAILABLE; with 5, the open's own, it does not (what else it answers is observed).
    /// </summary>
    private static async Task ExpectStaleRefusedAsync(ScenarioContext context, string name, string what, Func<Open, IMessageBody> build)
    {
        var (client, open) = await FileAtSmb3Async(context, name);
        await AdoptFiveAsync(context, client, open);
        var stale = await SendAsync(context, client, build(open), 4, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#04, 3.3.5.2.10#05", $"{what} with ChannelSequence 4 (the open's is 5)", NtStatus.FileNotAvailable, stale.Status);
        var current = await SendAsync(context, client, build(open), 5, replay: false);
        context.CheckTrue("3.3.5.2.10", "3.3.5.2.10#05", $"the same {what} with ChannelSequence 5, the open's", current.Status != NtStatus.FileNotAvailable,
            "any status but STATUS_FILE_NOT_AVAILABLE", NtStatus.Describe(current.Status));
        context.Observe($"{what} with the open's ChannelSequence: {NtStatus.Describe(current.Status)}");
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }
}
