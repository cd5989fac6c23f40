using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.ReplaySteps;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// Each command a client may resend as a replay, resent as a client whose first channel failed would
/// (3.2.7.1: on another channel of the session, SMB2_FLAGS_REPLAY_OPERATION set, Session.ChannelSequence
/// one higher): the open takes the newer ChannelSequence (3.3.5.2.10) and the work is done once; the
/// original, arriving late from the old channel with the old ChannelSequence, is stale and refused. A
/// command that names no open carries the flag to no effect, and below 3.x the flag means nothing.
/// </summary>
public static class CommandReplayScenarios
{
    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07", "3.3.5.2.10#08"],
        Title = "3.x multichannel: a WRITE answered on the first channel and replayed on the second with ChannelSequence 1 is served; the file holds the data once")]
    public static async Task WriteReplayedOnTheAlternateChannel(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "write");
        var original = await SendAsync(context, client, Write(open, 0x71), 0, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#02", "the original WRITE on the first channel", NtStatus.Success, original.Status);
        var replayed = await SendAsync(context, client, Write(open, 0x71), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "the WRITE replayed on the second channel with ChannelSequence 1", NtStatus.Success, replayed.Status);
        await CheckEndOfFileAsync(context, client, open, second, 16, "3.3.5.2.10#08");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#05", "3.3.5.2.10#08"],
        Title = "3.x multichannel: once the replay on the second channel has landed, the original WRITE arriving late on the first channel with ChannelSequence 0 is refused (STATUS_FILE_NOT_AVAILABLE) and changes nothing")]
    public static async Task LateOriginalAfterTheReplayIsRefused(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "late-original");
        var replayed = await SendAsync(context, client, Write(open, 0x72), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "the replayed WRITE with ChannelSequence 1 on the second channel", NtStatus.Success, replayed.Status);
        var late = await SendAsync(context, client, Write(open, 0x73), 0, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#05, 3.3.5.2.10#08", "the original WRITE, arriving late on the first channel with ChannelSequence 0", NtStatus.FileNotAvailable, late.Status);
        var read = await SendAsync(context, client, Read(open), 1, replay: false, on: second);
        var data = Smb2Response<ReadResponse>.From(read).Body?.Data ?? ReadOnlyMemory<byte>.Empty;
        context.CheckTrue("3.3.5.2.10", "3.3.5.2.10#05", "the file's first byte", data.Length > 0 && data.Span[0] == 0x72, "0x72, the replay's", data.Length > 0 ? $"0x{data.Span[0]:X2}" : NtStatus.Describe(read.Status));
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#04", "3.3.5.2.10#08"],
        Title = "3.x multichannel: the ChannelSequence the replay brought is the open's on every channel: a WRITE with the old one on the second channel itself is stale")]
    public static async Task ReplayMovesTheOpenOnEveryChannel(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "every-channel");
        await SendAsync(context, client, Write(open, 0x74), 1, replay: true, on: second);
        var stale = await SendAsync(context, client, Write(open, 0x75), 0, replay: false, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#08", "a WRITE with ChannelSequence 0 on the second channel after the replay with 1 there", NtStatus.FileNotAvailable, stale.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07", "3.3.5.2.10#08"],
        Title = "3.x multichannel: a WRITE in flight when its channel is lost, replayed on the second channel with ChannelSequence 1, is served; the data is there once")]
    public static async Task WriteInFlightWhenItsChannelIsLost(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "in-flight");
        await PostAsync(context, client, Write(open, 0x76), 0);
        await LoseChannelAsync(context, client.Connection);
        var replayed = await SendAsync(context, client, Write(open, 0x76), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "the WRITE replayed on the surviving channel with ChannelSequence 1", NtStatus.Success, replayed.Status);
        await CheckEndOfFileAsync(context, client, open, second, 16, "3.3.5.2.10#08");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x multichannel: a SET_INFO (end of file) replayed on the second channel is served and sets the size once")]
    public static async Task SetInfoReplayedOnTheAlternateChannel(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "set-info");
        await SendAsync(context, client, EndOfFile(open, 100), 0, replay: false);
        var replayed = await SendAsync(context, client, EndOfFile(open, 100), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "the SET_INFO replayed on the second channel with ChannelSequence 1", NtStatus.Success, replayed.Status);
        await CheckEndOfFileAsync(context, client, open, second, 100, "3.3.5.2.10#07");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x multichannel: an IOCTL (FSCTL_SRV_REQUEST_RESUME_KEY) replayed on the second channel passes the ChannelSequence check")]
    public static async Task IoctlReplayedOnTheAlternateChannel(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "ioctl");
        var original = await SendAsync(context, client, ResumeKey(open), 0, replay: false);
        var replayed = await SendAsync(context, client, ResumeKey(open), 1, replay: true, on: second);
        context.CheckTrue("3.3.5.2.10", "3.3.5.2.10#07", "the IOCTL replayed on the second channel with ChannelSequence 1", replayed.Status != NtStatus.FileNotAvailable,
            $"not STATUS_FILE_NOT_AVAILABLE (the original got {NtStatus.Describe(original.Status)})", NtStatus.Describe(replayed.Status));
        context.CheckEqual("3.3.5.2.10", "3.3.5.2.10#07", "the replay's status against the original's (the FSCTL itself answers the same)", original.Status, replayed.Status, NtStatus.Describe);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x multichannel: a READ replayed on the second channel is served with the same data")]
    public static async Task ReadReplayedOnTheAlternateChannel(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "read");
        await SendAsync(context, client, Write(open, 0x77), 0, replay: false);
        await SendAsync(context, client, Read(open), 0, replay: false);
        var replayed = Smb2Response<ReadResponse>.From(await SendAsync(context, client, Read(open), 1, replay: true, on: second));
        var body = context.CheckBody("3.3.5.2.10", "the READ replayed on the second channel", replayed);
        context.CheckTrue("3.3.5.2.10", "3.3.5.2.10#07", "the replayed READ's data", body.Data.Length == 16 && body.Data.Span[0] == 0x77, "16 bytes of 0x77", $"{body.Data.Length} bytes");
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x multichannel: a FLUSH replayed on the second channel is served")]
    public static Task FlushReplayedOnTheAlternateChannel(ScenarioContext context) => ReplayedIsServedAsync(context, "FLUSH", Flush);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x multichannel: a QUERY_INFO replayed on the second channel is served")]
    public static Task QueryInfoReplayedOnTheAlternateChannel(ScenarioContext context) => ReplayedIsServedAsync(context, "QUERY_INFO", QueryStandard);

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", "3.3.5.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x multichannel: a CLOSE replayed on the second channel after the close was done finds no open: STATUS_FILE_CLOSED (it is not done twice)")]
    public static async Task CloseReplayedAfterTheClose(ScenarioContext context)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, "close");
        var closed = await SendAsync(context, client, new CloseRequest { FileId = open.FileId }, 0, replay: false);
        context.CheckStatus("3.3.5.10", null, "the original CLOSE", NtStatus.Success, closed.Status);
        var replayed = await SendAsync(context, client, new CloseRequest { FileId = open.FileId }, 1, replay: true, on: second);
        context.CheckStatus("3.3.5.10", null, "the CLOSE replayed on the second channel", NtStatus.FileClosed, replayed.Status);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#07"],
        Title = "3.x multichannel: a CHANGE_NOTIFY replayed on the second channel while the original still waits on the first goes pending too (no older epoch was outstanding when the original was counted)")]
    public static async Task ChangeNotifyReplayedWhileTheOriginalWaits(ScenarioContext context)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        var directory = await DirectoryAsync(context, first, "notify-replay");
        var original = await HoldNotifyAsync(context, first, directory, 0);
        var replayed = await PostAsync(context, first, new ChangeNotifyRequest { FileId = directory.FileId, CompletionFilter = (CompletionFilter)0x17, OutputBufferLength = 1024 }, 1, replay: true, on: second);
        var interim = await replayed.WaitForInterimAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", "the CHANGE_NOTIFY replayed on the second channel with ChannelSequence 1", NtStatus.Pending, interim.Status);
        await CancelAsync(context, second, replayed);
        await CancelAsync(context, first.Connection, original);
    }

    [Scenario(ScenarioFamily.Replay, "3.3.5.2.10", Requirements = ["3.3.5.2.10#01"],
        Title = "3.x: requests that name no open (ECHO, TREE_CONNECT) carry SMB2_FLAGS_REPLAY_OPERATION and any ChannelSequence to no effect")]
    public static async Task CommandsWithoutAnOpenIgnoreTheFlag(ScenarioContext context)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        var echo = await SendAsync(context, client, new EchoRequest(), 0x8000, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#01", "ECHO with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 0x8000", NtStatus.Success, echo.Status);
        var tree = await SendAsync(context, client, new TreeConnectRequest { Path = $@"\\{context.Target.Host}\{context.Target.Share}" }, 0x8000, replay: true);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#01", "TREE_CONNECT with SMB2_FLAGS_REPLAY_OPERATION and ChannelSequence 0x8000", NtStatus.Success, tree.Status);
    }

    [Scenario(ScenarioFamily.Replay, "2.2.1.2", "3.3.5.2.10", Requirements = ["2.2.1.2#05", "3.3.5.2.10#02"],
        Title = "3.x: the Reserved half after ChannelSequence is ignored: a WRITE whose Reserved is 0xFFFF is of the open's epoch, and 1 is still newer")]
    public static async Task ReservedAfterTheChannelSequenceIsIgnored(ScenarioContext context)
    {
        var (client, open) = await FileAtSmb3Async(context, "reserved");
        var request = Request(client, Write(open, 0x78), 0, replay: false);
        request.Header.Status = 0xFFFF_0000;
        var written = await RequestSteps.SendOrDisconnectAsync(context, client.Connection, request);
        context.CheckStatus("2.2.1.2", "2.2.1.2#05", "WRITE with ChannelSequence 0 (the open's) and Reserved 0xFFFF", NtStatus.Success, written?.Status ?? NtStatus.Unsuccessful);
        var newer = await SendAsync(context, client, Write(open, 0x79), 1, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#04", "a WRITE with ChannelSequence 1 afterwards (newer: the Reserved half moved nothing)", NtStatus.Success, newer.Status);
    }

    [Scenario(ScenarioFamily.Replay, "2.2.1.2", Requirements = ["2.2.1.2#06"],
        Title = "2.1 and 2.0.2: SMB2_FLAGS_REPLAY_OPERATION means nothing: a CREATE flagged as a replay is a new open (a second one of the same new file collides), a flagged WRITE is served")]
    public static async Task ReplayFlagIsIgnoredBelow3(ScenarioContext context)
    {
        var dialects = context.Capabilities.Dialects.Where(dialect => dialect is Dialect.Smb202 or Dialect.Smb210).Order().ToList();
        if (dialects.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates neither 2.0.2 nor 2.1");
        }
        foreach (var dialect in dialects)
        {
            var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));
            var request = DurableSteps.V1(context.ScratchPath("flag-2x"));
            var created = Smb2Response<CreateResponse>.From(await SendAsync(context, client, request, 0, replay: true));
            var open = context.CheckBody("3.3.5.9", $"{dialect.ToDisplayString()} CREATE (FILE_CREATE) flagged SMB2_FLAGS_REPLAY_OPERATION", created);
            var again = await SendAsync(context, client, request, 0, replay: true);
            context.CheckStatus("3.3.5.9", null, $"{dialect.ToDisplayString()} the same CREATE again, flagged (no replay below 3.x)", NtStatus.ObjectNameCollision, again.Status);
            var written = await SendAsync(context, client, new WriteRequest { FileId = open.FileId, Data = new byte[16] }, 0, replay: true);
            context.CheckStatus("2.2.1.2", "2.2.1.2#06", $"{dialect.ToDisplayString()} WRITE flagged SMB2_FLAGS_REPLAY_OPERATION", NtStatus.Success, written.Status);
        }
    }

    /// <summary>A session with two channels and a new scratch file opened on the first (its ChannelSequence 0).</summary>
    private static async Task<(Smb2Client Client, Connection Second, Open Open)> TwoChannelFileAsync(ScenarioContext context, string name)
    {
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        return (first, second, await FileSteps.CreateScratchFileAsync(context, first, $"replay-{name}"));
    }

    /// <summary>The original on the first channel, then the same request replayed on the second with ChannelSequence 1: served.</summary>
    private static async Task ReplayedIsServedAsync(ScenarioContext context, string what, Func<Open, IMessageBody> build)
    {
        var (client, second, open) = await TwoChannelFileAsync(context, what.ToLowerInvariant());
        var original = await SendAsync(context, client, build(open), 0, replay: false);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#02", $"the original {what} on the first channel", NtStatus.Success, original.Status);
        var replayed = await SendAsync(context, client, build(open), 1, replay: true, on: second);
        context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#07", $"the {what} replayed on the second channel with ChannelSequence 1", NtStatus.Success, replayed.Status);
    }

    /// <summary>The file's EndOfFile, read on <paramref name="on"/> with ChannelSequence 1, is <paramref name="expected"/>.</summary>
    private static async Task CheckEndOfFileAsync(ScenarioContext context, Smb2Client client, Open open, Connection on, long expected, string requirement)
    {
        var response = Smb2Response<QueryInfoResponse>.From(await SendAsync(context, client, QueryStandard(open), 1, replay: false, on: on));
        var info = context.CheckBody("3.3.5.20", "QUERY_INFO FileStandardInformation after the replay", response).ReadInfo<FileStandardInformation>().Value;
        context.CheckEqual("3.3.5.2.10", requirement, "the file's EndOfFile after the original and its replay (the work done once)", expected, info?.EndOfFile ?? -1);
    }
}
