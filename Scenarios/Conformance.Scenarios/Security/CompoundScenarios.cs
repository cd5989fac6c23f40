using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>Compounded requests (3.3.5.2.7): related chains that inherit the FileId, unrelated chains, malformed chains.</summary>
public static class CompoundScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.7", "3.3.5.2.7.2", Requirements = ["3.3.5.2.7#01", "3.3.5.2.7.2#01", "3.3.5.2.7.2#03", "3.3.5.2.7.2#05", "3.3.5.2.7.2#10"],
        Title = "Related compound CREATE + WRITE + CLOSE with FileId 0xFFFFFFFFFFFFFFFF: each uses the file the CREATE opened")]
    public static async Task RelatedCreateWriteClose(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var data = new byte[512];
        Random.Shared.NextBytes(data);
        var path = context.ScratchPath("related");
        var create = FileSteps.NewFile(path);
        create.CreateOptions &= ~CreateOptions.FileDeleteOnClose;
        var responses = await connection.SendAsync(
            [
                RequestSteps.Request(client, create),
                Related(client, new WriteRequest { FileId = FileId.Related, Data = data }),
                Related(client, new CloseRequest { FileId = FileId.Related }),
            ], context.CancellationToken);
        context.CheckStatus("3.3.5.2.7.2", "3.3.5.2.7.2#03", "CREATE of the related chain", NtStatus.Success, responses[0].Status);
        context.CheckStatus("3.3.5.2.7.2", "3.3.5.2.7.2#05", "WRITE with FileId 0xFF.. after the CREATE", NtStatus.Success, responses[1].Status);
        context.CheckStatus("3.3.5.2.7.2", "3.3.5.2.7.2#05", "CLOSE with FileId 0xFF.. after the WRITE", NtStatus.Success, responses[2].Status);
        var written = Smb2Response<WriteResponse>.From(responses[1]);
        context.CheckEqual("3.3.5.2.7.2", "3.3.5.2.7.2#01", "WRITE Count", (uint)data.Length, context.CheckBody("2.2.22", "WRITE Response", written).Count);
        for (var i = 1; i < responses.Count; i++)
        {
            if ((responses[i].Header.Flags & Smb2HeaderFlags.RelatedOperations) == 0)
            {
                context.Observe($"response {i + 1} of the related chain lacks SMB2_FLAGS_RELATED_OPERATIONS (3.3.5.2.7.2 SHOULD)");
            }
        }
        // The file holds what the chain wrote: read it back, deleting it on close.
        var reopen = FileSteps.OpenExisting(path);
        reopen.DesiredAccess = AccessMask.GenericRead | AccessMask.Delete;
        reopen.CreateOptions = CreateOptions.FileDeleteOnClose;
        var opened = await connection.CreateAsync(client.Tree, reopen, context.CancellationToken);
        context.CheckStatus("3.3.5.2.7", "3.3.5.2.7#01", "opening the file the chain created", NtStatus.Success, opened.Status);
        var read = await connection.ReadAsync(opened.Open!, 0, (uint)data.Length, context.CancellationToken);
        await connection.CloseAsync(opened.Open!, cancellationToken: context.CancellationToken);
        context.CheckTrue("3.3.5.2.7", "3.3.5.2.7#01", "the file's content", read.Body?.Data.Span.SequenceEqual(data) == true, "the 512 bytes the compounded WRITE carried", NtStatus.Describe(read.Status));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.7.1", Requirements = ["3.3.5.2.7.1#01", "3.3.5.2.7.1#02"], Title = "Unrelated compound of two CREATEs: each processed on its own")]
    public static async Task UnrelatedCompoundProcessesEach(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var responses = await connection.SendAsync(
            [
                RequestSteps.Request(client, FileSteps.NewFile(context.ScratchPath("unrelated-a"))),
                RequestSteps.Request(client, FileSteps.OpenExisting(context.ScratchPath("unrelated-missing"))),
                RequestSteps.Request(client, FileSteps.NewFile(context.ScratchPath("unrelated-b"))),
            ], context.CancellationToken);
        context.CheckStatus("3.3.5.2.7.1", "3.3.5.2.7.1#01", "first CREATE of the unrelated chain", NtStatus.Success, responses[0].Status);
        context.CheckStatus("3.3.5.2.7.1", "3.3.5.2.7.1#02", "second CREATE (a missing file) of the unrelated chain", NtStatus.ObjectNameNotFound, responses[1].Status);
        context.CheckStatus("3.3.5.2.7.1", "3.3.5.2.7.1#02", "third CREATE, after the failed one", NtStatus.Success, responses[2].Status);
        var first = Smb2Response<CreateResponse>.From(responses[0]).Body!.FileId;
        var third = Smb2Response<CreateResponse>.From(responses[2]).Body!.FileId;
        context.CheckTrue("3.3.5.2.7.1", "3.3.5.2.7.1#02", "the two FileIds", first != third, "two different opens", first.ToString());
        await connection.CloseAsync(new Open(client.Tree, connection, first, "a"), cancellationToken: context.CancellationToken);
        await connection.CloseAsync(new Open(client.Tree, connection, third, "b"), cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.7.2", Requirements = ["3.3.5.2.7.2#07", "3.3.5.2.7.2#08"], Title = "Related CLOSE after a CREATE that failed: the CLOSE fails (with the CREATE's status, or STATUS_INVALID_PARAMETER)")]
    public static async Task RelatedRequestAfterFailedCreateFails(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var responses = await client.Connection.SendAsync(
            [
                RequestSteps.Request(client, FileSteps.OpenExisting(context.ScratchPath("related-missing"))),
                Related(client, new CloseRequest { FileId = FileId.Related }),
            ], context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", null, "CREATE of a missing file", NtStatus.ObjectNameNotFound, responses[0].Status);
        context.CheckStatusIn("3.3.5.2.7.2", "3.3.5.2.7.2#07", "related CLOSE whose FileId the failed CREATE did not make", responses[1].Status,
            NtStatus.ObjectNameNotFound, NtStatus.InvalidParameter, NtStatus.FileClosed);
        if (responses[1].Status != NtStatus.ObjectNameNotFound)
        {
            context.Observe($"the related CLOSE failed with {NtStatus.Describe(responses[1].Status)}, not the CREATE's status (3.3.5.2.7.2 SHOULD)");
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.6", Requirements = ["3.3.5.2.6#01", "3.3.5.2.6#02"], Title = "A compound whose NextCommand (68) is not 8-byte aligned: STATUS_INVALID_PARAMETER, or a disconnect")]
    public static async Task MisalignedNextCommandIsInvalid(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var first = new Smb2Request(connection.Build(new EchoRequest(), client.Session));
        first.Message.NextCommand = Smb2Header.Size + 4;
        first.Message.Padding = ReadOnlyMemory<byte>.Empty;
        Smb2Response answer;
        try
        {
            // Only the first element's answer is awaited: a server that cannot walk the chain cannot reach the second.
            var pending = await connection.PostAsync([first, new Smb2Request(connection.Build(new EchoRequest(), client.Session))], context.CancellationToken);
            answer = await pending[0]!.WaitAsync(null, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind is ClientErrorKind.ConnectionLost)
        {
            context.Observe("the server disconnected (3.3.5.2.6 MAY)");
            return;
        }
        context.CheckStatus("3.3.5.2.6", "3.3.5.2.6#01", "first ECHO of a chain whose NextCommand 68 breaks the 8-byte alignment 2.2.1 requires (a request not conforming to section 2)", NtStatus.InvalidParameter, answer.Status);
    }

    private static Smb2Request Related(Smb2Client client, IMessageBody body)
    {
        var request = RequestSteps.Request(client, body);
        request.Header.Flags |= Smb2HeaderFlags.RelatedOperations;
        return request;
    }
}
