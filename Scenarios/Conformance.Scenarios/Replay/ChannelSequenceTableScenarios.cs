using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Scenarios.Steps.ReplaySteps;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// The ChannelSequence table of 3.3.5.2.10 (<see cref="ChannelSequenceTable"/>) for each command that
/// names an open, without and with SMB2_FLAGS_REPLAY_OPERATION (nothing is outstanding, so both
/// branches follow the 16-bit rule alone): a request of the open's epoch or a newer one is served and
/// a newer one is adopted; an older one fails WRITE, SET_INFO and IOCTL with STATUS_FILE_NOT_AVAILABLE
/// and leaves the open as it was, while READ, FLUSH and QUERY_INFO are served all the same (and still
/// move the open to a newer epoch). Each row starts on a new file, moved to the row's ChannelSequence
/// with WRITEs that are each newer than the last.
/// </summary>
public static class ChannelSequenceTableScenarios
{
    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#02", "3.3.5.2.10#03", "3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: the ChannelSequence table for WRITE without SMB2_FLAGS_REPLAY_OPERATION (equal, +1, +0x7FFF, +0x8000, the wrap at 0xFFFF, older)")]
    public static Task WriteTable(ScenarioContext context) => RunAsync(context, "WRITE", open => Write(open, 0x21), replay: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#06", "3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: the ChannelSequence table for WRITE with SMB2_FLAGS_REPLAY_OPERATION, nothing outstanding")]
    public static Task WriteReplayTable(ScenarioContext context) => RunAsync(context, "WRITE", open => Write(open, 0x22), replay: true);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#02", "3.3.5.2.10#03", "3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: the ChannelSequence table for SET_INFO without SMB2_FLAGS_REPLAY_OPERATION")]
    public static Task SetInfoTable(ScenarioContext context) => RunAsync(context, "SET_INFO FileEndOfFileInformation", open => EndOfFile(open, 16), replay: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#06", "3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: the ChannelSequence table for SET_INFO with SMB2_FLAGS_REPLAY_OPERATION, nothing outstanding")]
    public static Task SetInfoReplayTable(ScenarioContext context) => RunAsync(context, "SET_INFO FileEndOfFileInformation", open => EndOfFile(open, 16), replay: true);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#02", "3.3.5.2.10#03", "3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: the ChannelSequence table for IOCTL (FSCTL_SRV_REQUEST_RESUME_KEY) without SMB2_FLAGS_REPLAY_OPERATION")]
    public static Task IoctlTable(ScenarioContext context) => RunAsync(context, "IOCTL FSCTL_SRV_REQUEST_RESUME_KEY", ResumeKey, replay: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#06", "3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: the ChannelSequence table for IOCTL (FSCTL_SRV_REQUEST_RESUME_KEY) with SMB2_FLAGS_REPLAY_OPERATION, nothing outstanding")]
    public static Task IoctlReplayTable(ScenarioContext context) => RunAsync(context, "IOCTL FSCTL_SRV_REQUEST_RESUME_KEY", ResumeKey, replay: true);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#02", "3.3.5.2.10#03", "3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: the ChannelSequence table for READ without SMB2_FLAGS_REPLAY_OPERATION: never refused, a newer one still adopted")]
    public static Task ReadTable(ScenarioContext context) => RunAsync(context, "READ", open => Read(open), replay: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#06", "3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: the ChannelSequence table for READ with SMB2_FLAGS_REPLAY_OPERATION: never refused, a newer one still adopted")]
    public static Task ReadReplayTable(ScenarioContext context) => RunAsync(context, "READ", open => Read(open), replay: true);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#03", "3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: the ChannelSequence table for FLUSH without SMB2_FLAGS_REPLAY_OPERATION: never refused, a newer one still adopted")]
    public static Task FlushTable(ScenarioContext context) => RunAsync(context, "FLUSH", Flush, replay: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: the ChannelSequence table for FLUSH with SMB2_FLAGS_REPLAY_OPERATION: never refused, a newer one still adopted")]
    public static Task FlushReplayTable(ScenarioContext context) => RunAsync(context, "FLUSH", Flush, replay: true);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#03", "3.3.5.2.10#04", "3.3.5.2.10#05"],
        Title = "3.x: the ChannelSequence table for QUERY_INFO without SMB2_FLAGS_REPLAY_OPERATION: never refused, a newer one still adopted")]
    public static Task QueryInfoTable(ScenarioContext context) => RunAsync(context, "QUERY_INFO FileStandardInformation", QueryStandard, replay: false);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09"],
        Title = "3.x: the ChannelSequence table for QUERY_INFO with SMB2_FLAGS_REPLAY_OPERATION: never refused, a newer one still adopted")]
    public static Task QueryInfoReplayTable(ScenarioContext context) => RunAsync(context, "QUERY_INFO FileStandardInformation", QueryStandard, replay: true);

    private static async Task RunAsync(ScenarioContext context, string what, Func<Open, IMessageBody> build, bool replay)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        foreach (var row in ChannelSequenceTable.Rows)
        {
            await RunRowAsync(context, client, row, what, build, replay);
        }
    }

    private static async Task RunRowAsync(ScenarioContext context, Smb2Client client, ChannelSequenceRow row, string what, Func<Open, IMessageBody> build, bool replay)
    {
        var open = await Steps.FileSteps.CreateScratchFileAsync(context, client, "table");
        await AdvanceAsync(context, client, open, 0, row.OpenSequence);
        var content = await SendAsync(context, client, Write(open, 0x20), row.OpenSequence, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#02", $"WRITE with ChannelSequence 0x{row.OpenSequence:X4}, the open's (the data READ reads)", NtStatus.Success, content.Status);
        var flag = replay ? " with SMB2_FLAGS_REPLAY_OPERATION" : "";
        var (equal, newer, adopted, stale) = replay
            ? ("3.3.5.2.10#06", "3.3.5.2.10#07", "3.3.5.2.10#08", "3.3.5.2.10#09")
            : ("3.3.5.2.10#02", "3.3.5.2.10#03", "3.3.5.2.10#04", "3.3.5.2.10#05");
        var probe = build(open);
        var answer = await SendAsync(context, client, probe, row.RequestSequence, replay);
        var refusable = probe.Command is Smb2Command.Write or Smb2Command.SetInfo or Smb2Command.Ioctl;
        var requirement = row.IsNewer ? newer : row.IsCurrentOrNewer ? equal : stale;
        var subject = $"{what}{flag}, row {row}";
        if (!row.IsCurrentOrNewer && refusable)
        {
            context.CheckStatus("3.3.5.2.10", requirement, subject, NtStatus.FileNotAvailable, answer.Status);
        }
        else if (probe.Command == Smb2Command.Ioctl)
        {
            // Past the check the FSCTL itself may be one the target does not support: only the check's own status is wrong.
            context.CheckTrue("3.3.5.2.10", requirement, subject, answer.Status != NtStatus.FileNotAvailable, "any status but STATUS_FILE_NOT_AVAILABLE", NtStatus.Describe(answer.Status));
        }
        else
        {
            context.CheckStatus("3.3.5.2.10", requirement, subject, NtStatus.Success, answer.Status);
        }
        // The open's ChannelSequence now: the request's when it was newer, else unchanged. One below it is
        // stale (a WRITE then fails), and it is itself current (a WRITE is served).
        var now = row.IsNewer ? row.RequestSequence : row.OpenSequence;
        var below = await SendAsync(context, client, Write(open, 0x31), (ushort)(now - 1), replay: false);
        context.CheckStatus("3.3.5.2.10", row.IsNewer ? adopted : "3.3.5.2.10#05", $"after {subject}: WRITE with ChannelSequence 0x{(ushort)(now - 1):X4}, one below the open's 0x{now:X4}",
            NtStatus.FileNotAvailable, below.Status);
        var current = await SendAsync(context, client, Write(open, 0x32), now, replay: false);
        context.CheckStatus("3.3.5.2.10", row.IsNewer ? adopted : "3.3.5.2.10#02", $"after {subject}: WRITE with ChannelSequence 0x{now:X4}, the open's", NtStatus.Success, current.Status);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }
}
