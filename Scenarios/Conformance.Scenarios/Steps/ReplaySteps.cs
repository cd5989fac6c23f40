using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Steps;

/// <summary>
/// Steps of the replay scenarios: a request of a client's session and tree sent on any channel of it
/// with a chosen ChannelSequence and SMB2_FLAGS_REPLAY_OPERATION or not (3.2.4.1, 3.3.5.2.10), the
/// requests of each command that names an open, moving an open's ChannelSequence forward, and
/// holding a request outstanding (a CHANGE_NOTIFY, a blocking LOCK) so that it counts in
/// Open.OutstandingPreRequestCount once the epoch moves on.
/// </summary>
public static class ReplaySteps
{
    /// <summary>The step of ChannelSequence that is still "newer" (3.3.5.2.10: a 16-bit difference at most 0x7FFF).</summary>
    public const ushort NewestStep = 0x7FFF;

    /// <summary>Inconclusive unless the target negotiates a 3.x dialect: ChannelSequence and the REPLAY flag exist only there.</summary>
    public static void RequireSmb3(ScenarioContext context)
    {
        if (!context.Capabilities.HighestDialect.IsSmb3())
        {
            throw new ScenarioInconclusiveException("ChannelSequence and SMB2_FLAGS_REPLAY_OPERATION exist only in 3.x requests");
        }
    }

    /// <summary>A logged-on 3.x client and a new scratch file (its CREATE carried ChannelSequence 0), deleted when closed.</summary>
    public static async Task<(Smb2Client Client, Open Open)> FileAtSmb3Async(ScenarioContext context, string name)
    {
        RequireSmb3(context);
        var client = await context.LogOnAsync();
        return (client, await FileSteps.CreateScratchFileAsync(context, client, name));
    }

    /// <summary>
    /// A request of <paramref name="client"/>'s session and tree for <paramref name="body"/>, to go on
    /// <paramref name="on"/> (a bound channel of the session; the client's own connection by default),
    /// with <paramref name="channelSequence"/> and, when <paramref name="replay"/>, SMB2_FLAGS_REPLAY_OPERATION.
    /// The MessageId is the channel's own next one: MessageIds are per connection (3.3.1.1), so a resend
    /// on another channel, or on the same one, takes a new id.
    /// </summary>
    public static Smb2Request Request(Smb2Client client, IMessageBody body, ushort channelSequence, bool replay, Connection? on = null)
    {
        var connection = on ?? client.Connection;
        var request = new Smb2Request(connection.Build(body, client.Session, client.TreeConnect)) { Session = client.Session, TreeConnect = client.TreeConnect };
        request.Header.ChannelSequence = channelSequence;
        if (replay)
        {
            request.Header.Flags |= Smb2HeaderFlags.ReplayOperation;
        }
        return request;
    }

    /// <summary>Sends <see cref="Request"/> and returns its final response; a failure naming 3.3.5.2.10 when the server closes the connection instead.</summary>
    public static async Task<Smb2Response> SendAsync(ScenarioContext context, Smb2Client client, IMessageBody body, ushort channelSequence, bool replay, Connection? on = null)
    {
        var response = await RequestSteps.SendOrDisconnectAsync(context, on ?? client.Connection, Request(client, body, channelSequence, replay, on));
        if (response is null)
        {
            context.Fail("3.3.5.2.10", null, $"{body.Command} with ChannelSequence 0x{channelSequence:X4}{(replay ? " and SMB2_FLAGS_REPLAY_OPERATION" : "")}", "a response", "the server closed the connection");
        }
        return response;
    }

    /// <summary>Sends <see cref="Request"/> without waiting for its response (a request held outstanding, or one in flight when its channel is lost).</summary>
    public static async Task<PendingRequest> PostAsync(ScenarioContext context, Smb2Client client, IMessageBody body, ushort channelSequence, bool replay = false, Connection? on = null) =>
        (await (on ?? client.Connection).PostAsync([Request(client, body, channelSequence, replay, on)], context.CancellationToken))[0]!;

    public static WriteRequest Write(Open open, byte fill, ulong offset = 0) => new() { FileId = open.FileId, Offset = offset, Data = Enumerable.Repeat(fill, 16).ToArray() };

    public static ReadRequest Read(Open open, ulong offset = 0) => new() { FileId = open.FileId, Offset = offset, Length = 16 };

    public static FlushRequest Flush(Open open) => new() { FileId = open.FileId };

    public static QueryInfoRequest QueryStandard(Open open) => new()
    {
        InfoType = InfoType.File,
        FileInfoClass = (byte)FileInformationClass.FileStandardInformation,
        FileId = open.FileId,
        OutputBufferLength = 64,
    };

    /// <summary>SET_INFO FileEndOfFileInformation.</summary>
    public static SetInfoRequest EndOfFile(Open open, long endOfFile) =>
        SetInfoRequest.ForFile(open.FileId, FileInformationClass.FileEndOfFileInformation, new FileEndOfFileInformation { EndOfFile = endOfFile });

    /// <summary>SET_INFO FileBasicInformation of all zeros: every time and the attributes left as they are (fits a directory too).</summary>
    public static SetInfoRequest NoChange(Open open) => new()
    {
        InfoType = InfoType.File,
        FileInfoClass = (byte)FileInformationClass.FileBasicInformation,
        FileId = open.FileId,
        Buffer = new FileBasicInformation().ToBytes(),
    };

    /// <summary>IOCTL FSCTL_SRV_REQUEST_RESUME_KEY on the open: an IOCTL every server answers for a file.</summary>
    public static IoctlRequest ResumeKey(Open open) => new() { CtlCode = FsctlCode.SrvRequestResumeKey, FileId = open.FileId, Flags = IoctlFlags.IsFsctl, MaxOutputResponse = 32 };

    public static LockRequest Lock(Open open, LockFlags flags, ulong offset = 0) => new() { FileId = open.FileId, Locks = [new LockElement(offset, 10, flags)] };

    /// <summary>
    /// Moves <paramref name="open"/>'s ChannelSequence from <paramref name="from"/> to <paramref name="to"/>
    /// with WRITEs without the REPLAY flag, each at most 0x7FFF ahead of the last (so each is newer and adopted, 3.3.5.2.10#04).
    /// </summary>
    public static async Task AdvanceAsync(ScenarioContext context, Smb2Client client, Open open, ushort from, ushort to)
    {
        var current = from;
        while (current != to)
        {
            var step = (ushort)(to - current) <= NewestStep ? to : (ushort)(current + NewestStep);
            var written = await SendAsync(context, client, Write(open, 0x5A), step, replay: false);
            context.CheckStatus("3.3.5.2.10", "3.3.5.2.10#04", $"WRITE with ChannelSequence 0x{step:X4}, newer than the open's 0x{current:X4}", NtStatus.Success, written.Status);
            current = step;
        }
    }

    /// <summary>A new directory of the scratch directory (deleted when closed), opened for CHANGE_NOTIFY and SET_INFO.</summary>
    public static async Task<Open> DirectoryAsync(ScenarioContext context, Smb2Client client, string name)
    {
        var created = await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = context.ScratchPath(name),
            DesiredAccess = AccessMask.FileReadData | AccessMask.FileWriteAttributes | AccessMask.FileReadAttributes | AccessMask.Synchronize | AccessMask.Delete,
            ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
            CreateDisposition = CreateDisposition.FileCreate,
            CreateOptions = CreateOptions.FileDirectoryFile | CreateOptions.FileDeleteOnClose,
        }, context.CancellationToken);
        return created.Open ?? throw new ScenarioInconclusiveException($"CREATE of a directory failed ({NtStatus.Describe(created.Status)}): the step before the behaviour under test");
    }

    /// <summary>
    /// A CHANGE_NOTIFY on <paramref name="directory"/> with <paramref name="channelSequence"/>, held
    /// pending (counted in the open's outstanding counts until it completes); Inconclusive when the
    /// target answers it at once.
    /// </summary>
    public static async Task<PendingRequest> HoldNotifyAsync(ScenarioContext context, Smb2Client client, Open directory, ushort channelSequence, Connection? on = null)
    {
        var notify = await PostAsync(context, client, new ChangeNotifyRequest { FileId = directory.FileId, CompletionFilter = (CompletionFilter)0x17, OutputBufferLength = 1024 }, channelSequence, on: on);
        await ExpectInterimAsync(context, notify, "CHANGE_NOTIFY");
        return notify;
    }

    /// <summary>
    /// A blocking LOCK of <paramref name="waiter"/> (bytes 0-9, exclusive, no FAIL_IMMEDIATELY) behind
    /// <paramref name="holder"/>'s lock of the same bytes, held pending until the holder unlocks.
    /// </summary>
    public static async Task<PendingRequest> HoldLockAsync(ScenarioContext context, Smb2Client client, Open holder, Open waiter, ushort channelSequence)
    {
        var locked = await SendAsync(context, client, Lock(holder, LockFlags.ExclusiveLock | LockFlags.FailImmediately), channelSequence, replay: false);
        context.CheckStatus("3.3.5.14", null, "the holder's LOCK of bytes 0-9", NtStatus.Success, locked.Status);
        var blocked = await PostAsync(context, client, Lock(waiter, LockFlags.ExclusiveLock), channelSequence);
        await ExpectInterimAsync(context, blocked, "blocking LOCK");
        return blocked;
    }

    /// <summary>Cancels <paramref name="pending"/> and waits for its final response (it then no longer counts as outstanding).</summary>
    public static async Task<Smb2Response> CancelAsync(ScenarioContext context, Connection connection, PendingRequest pending)
    {
        await connection.CancelAsync(pending, context.CancellationToken);
        return await pending.WaitAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
    }

    /// <summary>
    /// Loses <paramref name="channel"/> with whatever it has in flight, as a network failure would (no
    /// LOGOFF): a second NEGOTIATE, which the server processes after the requests before it and answers
    /// by dropping the connection (3.3.5.4); 3.3.7.1 has run once the client sees it gone.
    /// </summary>
    public static Task LoseChannelAsync(ScenarioContext context, Connection channel) => DurableSteps.DisconnectAsync(context, channel);

    /// <summary>Sends <paramref name="request"/> with SMB2_FLAGS_REPLAY_OPERATION on <paramref name="on"/> (the client's own connection by default) and reads its CREATE Response.</summary>
    public static async Task<Smb2Response<CreateResponse>> ReplayCreateAsync(ScenarioContext context, Smb2Client client, CreateRequest request, Connection? on = null) =>
        Smb2Response<CreateResponse>.From(await SendAsync(context, client, request, client.Session.ChannelSequence, replay: true, on));

    /// <summary>
    /// <paramref name="replayed"/> is answered from the open whose FileId is <paramref name="fileId"/>: the
    /// current 3.3.5.9.10 checks nothing of a replay that found its open (3.3.5.9.10#N06).
    /// </summary>
    public static void ExpectAnsweredFromTheOpen(ScenarioContext context, string subject, FileId fileId, Smb2Response<CreateResponse> replayed)
    {
        var response = context.CheckBody("3.3.5.9.10", subject, replayed);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#N06", $"FileId of the response to {subject} (the open's)", fileId, response.FileId);
    }

    /// <summary>A new file's CREATE asking a v2 lease of <paramref name="state"/> under <paramref name="leaseKey"/> and a DH2Q with <paramref name="createGuid"/>.</summary>
    public static CreateRequest LeasedV2(string path, Guid createGuid, Guid leaseKey, LeaseState state = LeaseSteps.RWH, CreateDisposition disposition = CreateDisposition.FileCreate,
        AccessMask access = OplockSteps.ReadWrite) =>
        DurableSteps.With(LeaseSteps.Request(path, LeaseSteps.Context(2, leaseKey, state), disposition, access),
            new CreateDurableHandleRequestV2 { CreateGuid = createGuid, Timeout = DurableSteps.LongTimeout });

    /// <summary>The SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2 of a CREATE response, or null.</summary>
    public static CreateDurableHandleResponseV2? DurableV2Of(CreateResponse response) => response.CreateContexts.OfType<CreateDurableHandleResponseV2>().FirstOrDefault();

    private static async Task ExpectInterimAsync(ScenarioContext context, PendingRequest pending, string what)
    {
        var interim = await pending.WaitForInterimAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        if (interim.Status != NtStatus.Pending)
        {
            throw new ScenarioInconclusiveException($"the {what} did not stay outstanding (it answered {NtStatus.Describe(interim.Status)}): the step before the behaviour under test");
        }
    }
}
