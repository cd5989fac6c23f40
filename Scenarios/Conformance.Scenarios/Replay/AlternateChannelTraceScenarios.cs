using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.ReplaySteps;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Scenarios.Replay;

/// <summary>
/// The exchange of MS-SMB2 4.9, "Replay Create Request on an Alternate Channel", step by step: a
/// session with a second channel; a CREATE with DH2Q and a v2 lease request (RWH, a parent lease key)
/// on the first; the first channel lost with the CREATE's answer; the same CREATE, flagged
/// SMB2_FLAGS_REPLAY_OPERATION, on the second; its response checked field by field in the order the
/// trace shows them. The trace's MessageIds are its own client's and are not compared; its DH2Q
/// Timeout (60000) is its server's choice, so the replay's is compared with what the first CREATE got.
/// </summary>
public static class AlternateChannelTraceScenarios
{
    private const string Step5 = "MS-SMB2 4.9 step 5, the replayed CREATE's response";

    [Scenario(ScenarioFamily.Replay, "3.3.5.9.10", "2.2.1.2", Requirements = ["3.3.5.9.10#04", "3.3.5.9.10#11", "3.3.5.9.10#16", "3.3.5.9.10#18", "3.3.5.9.10#N04", "3.3.5.9.10#N05"],
        Title = "3.x multichannel, the trace of MS-SMB2 4.9: a DH2Q + lease v2 CREATE lost with its channel and replayed on the alternate channel returns the same open")]
    public static async Task ReplayCreateOnAnAlternateChannel(ScenarioContext context)
    {
        // Step 1: the client establishes an alternate channel for the session (4.8).
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, SessionSteps.MultiChannelDialect(context));
        // Step 2: CREATE with DH2Q (Timeout 0, no flags) and RqLs v2 (RWH, parent key set, Epoch 0) on the first channel.
        var leaseKey = Guid.NewGuid();
        var parentKey = Guid.NewGuid();
        var request = TraceRequest(context.ScratchPath("Replay.txt"), Guid.NewGuid(), leaseKey, parentKey);
        var original = await PostAsync(context, first, request, 0);
        // Step 3: the first channel is lost; what the CREATE was answered with (if it came) serves only to compare.
        await LoseChannelAsync(context, first.Connection);
        var lost = await AnswerIfAnyAsync(context, original);
        // Step 4: the same CREATE on the alternate channel, SMB2_FLAGS_REPLAY_OPERATION set, the same ChannelSequence.
        var replay = Request(first, request, 0, replay: true, on: second);
        var response = await RequestSteps.SendOrDisconnectAsync(context, second, replay);
        if (response is null)
        {
            context.Fail("3.3.5.9.10", "3.3.5.9.10#11", "MS-SMB2 4.9 step 4, the replayed CREATE on the alternate channel", "a CREATE Response", "the server closed the connection");
        }
        // Step 5: the response, field by field in the trace's order.
        var header = response.Header;
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", $"{Step5}: Status", NtStatus.Success, header.Status, NtStatus.Describe);
        context.CheckEqual("3.3.5.9.10", null, $"{Step5}: Command", Smb2Command.Create, header.Command);
        context.CheckEqual("2.2.1.2", null, $"{Step5}: Flags (SMB2_FLAGS_SIGNED aside)", Smb2HeaderFlags.ReplayOperation | Smb2HeaderFlags.ServerToRedir,
            header.Flags & ~Smb2HeaderFlags.Signed, flags => $"0x{(uint)flags:X8}");
        context.CheckEqual("2.2.1.2", null, $"{Step5}: TreeId", replay.Header.TreeId, header.TreeId);
        context.CheckEqual("2.2.1.2", null, $"{Step5}: SessionId", replay.Header.SessionId, header.SessionId);
        var decoded = response.Read<CreateResponse>();
        if (decoded.Value is not { } body)
        {
            context.Fail("2.2.14", null, $"{Step5}: the CREATE Response body", "a CREATE Response (StructureSize 89)", decoded.Error?.ToString() ?? "none");
            return;
        }
        context.CheckEqual("2.2.14", null, $"{Step5}: StructureSize", CreateResponse.DefaultStructureSize, body.StructureSize);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", $"{Step5}: OplockLevel", OplockLevel.Lease, body.OplockLevel);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", $"{Step5}: Flags", CreateResponseFlags.None, body.Flags);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", $"{Step5}: CreateAction", CreateAction.FileOpened, body.CreateAction);
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", $"{Step5}: FileAttributes", FileAttributes.Archive, body.FileAttributes);
        if (lost?.FileId is { } fileId)
        {
            context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#16", $"{Step5}: FileId (the open the first CREATE made)", fileId, body.FileId);
        }
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#18", $"{Step5}: create contexts, in order", "RqLs, DH2Q", string.Join(", ", body.CreateContexts.Select(Tag)));
        var lease = body.CreateContexts.OfType<CreateResponseLeaseV2>().Single();
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.10#16", $"{Step5}: RqLs LeaseKey", leaseKey, lease.LeaseKey);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.10#16", $"{Step5}: RqLs LeaseState", LeaseSteps.RWH, lease.LeaseState, LeaseSteps.Name);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.10#16", $"{Step5}: RqLs LeaseFlags", LeaseFlags.ParentLeaseKeySet, lease.Flags);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.10#16", $"{Step5}: RqLs LeaseDuration", 0UL, lease.LeaseDuration);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.10#16", $"{Step5}: RqLs ParentLeaseKey", parentKey, lease.ParentLeaseKey);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.10#16", $"{Step5}: RqLs Epoch", (ushort)1, lease.Epoch);
        var durable = body.CreateContexts.OfType<CreateDurableHandleResponseV2>().Single();
        if (lost is { } answered && DurableV2Of(answered) is { } granted)
        {
            context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#N05", $"{Step5}: DH2Q Timeout (the first CREATE's)", granted.Timeout, durable.Timeout);
        }
        context.Observe($"DH2Q Timeout of the replay: {durable.Timeout} ms (the trace's server: 60000)");
        context.CheckEqual("3.3.5.9.10", "3.3.5.9.10#18", $"{Step5}: DH2Q Flags", DurableHandleFlags.None, durable.Flags);
    }

    /// <summary>The CREATE of the trace's step 2: RW access, RWD sharing, FILE_OPEN_IF, a non-directory file, ARCHIVE.</summary>
    private static CreateRequest TraceRequest(string path, Guid createGuid, Guid leaseKey, Guid parentLeaseKey) => new()
    {
        Name = path,
        RequestedOplockLevel = OplockLevel.Lease,
        ImpersonationLevel = ImpersonationLevel.Impersonation,
        DesiredAccess = (AccessMask)0x0012019F,
        FileAttributes = FileAttributes.Archive,
        ShareAccess = OplockSteps.ShareAll,
        CreateDisposition = CreateDisposition.FileOpenIf,
        CreateOptions = CreateOptions.FileNonDirectoryFile,
        CreateContexts =
        [
            new CreateDurableHandleRequestV2 { CreateGuid = createGuid, Timeout = 0, Flags = DurableHandleFlags.None },
            LeaseSteps.Context(2, leaseKey, LeaseSteps.RWH, epoch: 0, parentLeaseKey: parentLeaseKey),
        ],
    };

    /// <summary>The first CREATE's response when it came before its channel went, else null (the trace's client never saw it).</summary>
    private static async Task<CreateResponse?> AnswerIfAnyAsync(ScenarioContext context, PendingRequest original)
    {
        try
        {
            var answer = Smb2Response<CreateResponse>.From(await original.WaitAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken));
            return answer.Body;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            context.Observe("the first CREATE's response was lost with its channel");
            return null;
        }
    }

    private static string Tag(CreateContext createContext) => createContext switch
    {
        CreateResponseLeaseV2 or CreateResponseLease => "RqLs",
        CreateDurableHandleResponseV2 => "DH2Q",
        _ => System.Text.Encoding.ASCII.GetString(createContext.Name.Span),
    };
}
