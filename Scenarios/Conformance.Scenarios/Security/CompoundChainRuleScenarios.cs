using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>
/// Rules of a compound chain (3.3.5.2.7, 3.3.5.2.7.2): where a related request takes its FileId,
/// SessionId and TreeId from, and the SessionIds an encrypted chain may name.
/// </summary>
public static class CompoundChainRuleScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.7.2", Requirements = ["3.3.5.2.7.2#04", "3.3.5.2.7.2#05"],
        Title = "Related compound WRITE (its own FileId) + READ (FileId 0xFFFFFFFFFFFFFFFF): the WRITE uses its FileId, the READ the WRITE's")]
    public static async Task RelatedChainFirstRequestUsesItsOwnFileId(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var open = await FileSteps.CreateScratchFileAsync(context, client, "related-own-ids");
        var data = new byte[300];
        Random.Shared.NextBytes(data);
        var responses = await connection.SendAsync(
            [
                RequestSteps.Request(client, new WriteRequest { FileId = open.FileId, Data = data }),
                Related(client, new ReadRequest { FileId = FileId.Related, Length = (uint)data.Length }),
            ], context.CancellationToken);
        context.CheckStatus("3.3.5.2.7.2", "3.3.5.2.7.2#04", $"WRITE, first of the related chain, with FileId {open.FileId}", NtStatus.Success, responses[0].Status);
        var read = Smb2Response<ReadResponse>.From(responses[1]);
        context.CheckTrue("3.3.5.2.7.2", "3.3.5.2.7.2#05", "related READ with FileId 0xFF.. after the WRITE", read.Body?.Data.Span.SequenceEqual(data) == true,
            "the 300 bytes the WRITE wrote to its FileId", NtStatus.Describe(read.Status));
        await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.7.2", Requirements = ["3.3.5.2.7.2#06"],
        Title = "Related compound TREE_CONNECT to a missing share + CREATE: the CREATE, which needs the TreeId the TREE_CONNECT failed to create, fails with STATUS_INVALID_PARAMETER")]
    public static async Task RelatedRequestAfterFailedTreeConnectIsInvalid(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var share = $"missing-{Guid.NewGuid():N}"[..20];
        var treeConnect = new Smb2Request(connection.Build(new TreeConnectRequest { Path = $@"\\{connection.ServerName}\{share}" }, client.Session)) { Session = client.Session };
        var create = new Smb2Request(connection.Build(FileSteps.NewFile(context.ScratchPath("after-failed-tree")), client.Session)) { Session = client.Session };
        create.Header.Flags |= Smb2HeaderFlags.RelatedOperations;
        create.Header.TreeId = uint.MaxValue;
        var responses = await connection.SendAsync([treeConnect, create], context.CancellationToken);
        context.CheckStatusIn("3.3.5.2.7.2", null, $"TREE_CONNECT to \\\\{connection.ServerName}\\{share}, a share that does not exist", responses[0].Status, NtStatus.BadNetworkName, NtStatus.ObjectNameNotFound, NtStatus.AccessDenied);
        context.CheckStatus("3.3.5.2.7.2", "3.3.5.2.7.2#06", "related CREATE after the failed TREE_CONNECT (no TreeId to inherit)", NtStatus.InvalidParameter, responses[1].Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.7", Requirements = ["3.3.5.2.7#04"],
        Title = "3.x: an encrypted compound whose first request names a SessionId other than the TRANSFORM_HEADER's: the server disconnects")]
    public static async Task EncryptedChainFirstSessionMismatchDisconnects(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var first = Echo(client);
        first.Header.SessionId = client.Session.SessionId ^ 0x0000_7E57_0000_0000UL;
        await ExpectChainDisconnectAsync(context, $"encrypted compound of two ECHOs, the first naming SessionId 0x{first.Header.SessionId:X16}, the TRANSFORM_HEADER 0x{client.Session.SessionId:X16}",
            client.Connection, [first, Echo(client)]);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.7", Requirements = ["3.3.5.2.7#04"],
        Title = "3.x: an encrypted compound whose second, unrelated request names a SessionId other than the TRANSFORM_HEADER's: the server disconnects")]
    public static async Task EncryptedChainUnrelatedSessionMismatchDisconnects(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var second = Echo(client);
        second.Header.SessionId = client.Session.SessionId ^ 0x0000_7E57_0000_0000UL;
        await ExpectChainDisconnectAsync(context, $"encrypted unrelated compound of two ECHOs, the second naming SessionId 0x{second.Header.SessionId:X16}, the TRANSFORM_HEADER 0x{client.Session.SessionId:X16}",
            client.Connection, [Echo(client), second]);
    }

    /// <summary>An ECHO of the session, encrypted with its key whatever SessionId its header ends up naming.</summary>
    private static Smb2Request Echo(Smb2Client client) =>
        new(client.Connection.Build(new EchoRequest(), client.Session)) { Session = client.Session, Encryption = RequestEncryption.Encrypt, Signing = RequestSigning.DoNotSign };

    private static async Task ExpectChainDisconnectAsync(ScenarioContext context, string subject, Connection connection, Smb2Request[] chain)
    {
        try
        {
            var responses = await connection.SendAsync(chain, context.CancellationToken);
            context.Fail("3.3.5.2.7", "3.3.5.2.7#04", subject, "the server disconnects", $"responses: {string.Join(", ", responses.Select(response => NtStatus.Describe(response.Status)))}");
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            // The disconnect the clause demands.
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout)
        {
            context.Fail("3.3.5.2.7", "3.3.5.2.7#04", subject, "the server disconnects", $"the connection stayed open and silent ({e.Message})");
        }
    }

    private static Smb2Request Related(Smb2Client client, IMessageBody body)
    {
        var request = RequestSteps.Request(client, body);
        request.Header.Flags |= Smb2HeaderFlags.RelatedOperations;
        return request;
    }
}
