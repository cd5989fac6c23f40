using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Negotiate;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>
/// The checks every request goes through before its command (3.3.5.2): its size, the connection state
/// (3.3.5.2.2), the signature of a NEGOTIATE or of a session without keys (3.3.5.2.4), the session
/// (3.3.5.2.9), and the tree connect (3.3.5.2.11); the channel sequence (3.3.5.2.10) is the replay family's (Replay/ChannelSequenceScenarios).
/// </summary>
public static class MessageValidationScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.2", Requirements = ["3.3.5.2.2#01"], Title = "An ECHO before any NEGOTIATE (NegotiateDialect 0xFFFF): disconnected without a reply")]
    public static async Task RequestBeforeNegotiateDisconnects(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.2.2", "3.3.5.2.2#01", "an ECHO (MessageId 0) as the first message of the connection, before any NEGOTIATE",
            connection, new Smb2Request(connection.Build(new EchoRequest())));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.2", Requirements = ["3.3.5.2.2#01"], Title = "A SESSION_SETUP after the \"SMB 2.???\" answer, before the SMB2 NEGOTIATE (NegotiateDialect 0x02FF): disconnected without a reply")]
    public static async Task SessionSetupAfterWildcardAnswerDisconnects(ScenarioContext context)
    {
        if (context.Capabilities.HighestDialect < Dialect.Smb210)
        {
            throw new ScenarioInconclusiveException("the \"SMB 2.???\" answer is given only by servers implementing 2.1 or 3.x");
        }
        var connection = await context.ConnectAsync();
        await connection.SendRawAsync(new Smb1NegotiateRequest { Dialects = ["NT LM 0.12", "SMB 2.002", "SMB 2.???"] }.Encode(), cancellationToken: context.CancellationToken);
        var frame = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        var slices = Smb2Compound.Split(frame);
        var answer = slices.IsSuccess ? Smb2MessageCatalog.Read(slices.Value[0]) : default;
        if (!slices.IsSuccess || !answer.IsSuccess || answer.Value.Body is not NegotiateResponse { DialectRevision: Dialect.Smb2Wildcard })
        {
            throw new ScenarioInconclusiveException($"the SMB_COM_NEGOTIATE offering \"SMB 2.???\" was not answered with DialectRevision 0x02FF: {Connection.DescribeFrame(frame)}");
        }
        // MessageId 1: the SMB_COM_NEGOTIATE counted as 0 (3.3.5.2.3).
        var setup = connection.Build(new SessionSetupRequest
        {
            SecurityMode = SecurityMode.SigningEnabled,
            SecurityBuffer = new NegTokenInit { MechToken = new NtlmClient(TargetProbe.Credential(context.Target)).CreateNegotiate() }.ToArray(),
        });
        setup.Header.MessageId = 1;
        setup.Header.CreditRequestResponse = 1;
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.2", "3.3.5.2.2#01", "a SESSION_SETUP (MessageId 1) while NegotiateDialect is 0x02FF (the SMB2 NEGOTIATE the wildcard answer asks for not yet sent)",
            connection, setup.Encode());
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", Requirements = ["3.3.5.2.4#02"], Title = "A NEGOTIATE with SMB2_FLAGS_SIGNED set: STATUS_INVALID_PARAMETER")]
    public static async Task SignedNegotiateIsInvalidParameter(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        var message = connection.Build(new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }.BuildRequest(Guid.NewGuid()));
        message.Header.Flags |= Smb2HeaderFlags.Signed;
        var subject = "NEGOTIATE whose header has SMB2_FLAGS_SIGNED (Signature zero)";
        var status = await NegotiateSteps.StatusOrDisconnectAsync(context, "3.3.5.2.4", "3.3.5.2.4#02", subject, connection, new Smb2Request(message) { Signing = RequestSigning.DoNotSign });
        if (status is null)
        {
            context.Fail("3.3.5.2.4", "3.3.5.2.4#02", subject, NtStatus.Describe(NtStatus.InvalidParameter), "the connection was closed");
        }
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#02", subject, NtStatus.InvalidParameter, status!.Value);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", "3.3.5.5.1", Requirements = ["3.3.5.2.4#10", "3.3.5.5.1#07"], Title = "A signed TREE_CONNECT on a session whose authentication is still in progress (no signing key yet): STATUS_NOT_SUPPORTED")]
    public static async Task SignedRequestOnSessionWithoutKeyIsNotSupported(ScenarioContext context)
    {
        var (connection, sessionId) = await SessionInProgressAsync(context);
        var request = connection.Build(new TreeConnectRequest { Path = $@"\\{connection.ServerName}\{context.Target.Share}" });
        request.Header.SessionId = sessionId;
        var subject = $"TREE_CONNECT flagged signed on session 0x{sessionId:X16}, which has answered STATUS_MORE_PROCESSING_REQUIRED (no Session.SigningKey/SessionKey yet)";
        var status = await NegotiateSteps.StatusOrDisconnectAsync(context, "3.3.5.2.4", "3.3.5.2.4#10", subject, connection, new Smb2Request(request) { Signing = RequestSigning.FalsifySignature });
        if (status is null)
        {
            context.Fail("3.3.5.2.4", "3.3.5.2.4#10", subject, NtStatus.Describe(NtStatus.NotSupported), "the connection was closed");
        }
        // 3.3.5.5.1: the new session starts with Session.SessionKey NULL, so no key verifies the request.
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#10, 3.3.5.5.1#07", subject, NtStatus.NotSupported, status!.Value);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.9", Requirements = ["3.3.5.2.9#06"], Title = "A LOGOFF of a session whose authentication is still in progress is processed: the session is gone afterwards")]
    public static async Task LogoffOfSessionInProgressProceeds(ScenarioContext context)
    {
        var (connection, sessionId) = await SessionInProgressAsync(context);
        var logoff = connection.Build(new LogoffRequest());
        logoff.Header.SessionId = sessionId;
        var response = await connection.SendOneAsync(new Smb2Request(logoff) { Signing = RequestSigning.DoNotSign }, context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#06", $"LOGOFF of session 0x{sessionId:X16} (Session.State InProgress)", NtStatus.Success, response.Status);
        var again = connection.Build(new LogoffRequest());
        again.Header.SessionId = sessionId;
        var second = await connection.SendOneAsync(new Smb2Request(again) { Signing = RequestSigning.DoNotSign }, context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#06", "a second LOGOFF of that session (the first one ended it)", NtStatus.UserSessionDeleted, second.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.9", "3.3.5.5.1", Requirements = ["3.3.5.2.9#07", "3.3.5.5.1#07"], Title = "A CREATE on a session whose authentication is still in progress fails (status of the implementation's choice)")]
    public static async Task CreateOnSessionInProgressFails(ScenarioContext context)
    {
        var (connection, sessionId) = await SessionInProgressAsync(context);
        var create = connection.Build(FileSteps.NewFile(context.ScratchPath("in-progress")));
        create.Header.SessionId = sessionId;
        create.Header.TreeId = 1;
        var subject = $"CREATE on session 0x{sessionId:X16} (Session.State InProgress)";
        var status = await NegotiateSteps.StatusOrDisconnectAsync(context, "3.3.5.2.9", "3.3.5.2.9#07", subject, connection, new Smb2Request(create) { Signing = RequestSigning.DoNotSign });
        if (status is null)
        {
            context.Fail("3.3.5.2.9", "3.3.5.2.9#07", subject, "an error response", "the connection was closed");
        }
        // 3.3.5.5.1: a new session starts InProgress; 3.3.5.2.9 then fails any command but LOGOFF, CLOSE and LOCK.
        context.CheckTrue("3.3.5.2.9", "3.3.5.2.9#07, 3.3.5.5.1#07", subject, NtStatus.IsError(status!.Value), "an error status", NtStatus.Describe(status.Value));
        context.Observe($"{subject} failed with {NtStatus.Describe(status.Value)}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.9", Requirements = ["3.3.5.2.9#03"], Title = "An unsigned CREATE naming a SessionId that does not exist: STATUS_USER_SESSION_DELETED")]
    public static async Task UnknownSessionIdIsUserSessionDeleted(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var create = connection.Build(FileSteps.NewFile(context.ScratchPath("unknown-session")), tree: client.Tree);
        create.Header.SessionId = client.Session.SessionId ^ 0x0000_7E57_0000_0000UL;
        var response = await connection.SendOneAsync(new Smb2Request(create) { Signing = RequestSigning.DoNotSign, Encryption = RequestEncryption.DoNotEncrypt }, context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#03", $"unsigned CREATE with SessionId 0x{create.Header.SessionId:X16}, no session of the connection", NtStatus.UserSessionDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.1", "3.3.5.2.9", Requirements = ["3.3.5.1#03", "3.3.5.2.9#02", "3.3.5.2.9#03"],
        Title = "An unsigned CREATE naming the SessionId of another connection's session (not bound here): STATUS_USER_SESSION_DELETED")]
    public static async Task SessionOfAnotherConnectionIsUserSessionDeleted(ScenarioContext context)
    {
        var owner = await context.LogOnAsync();
        if (owner.Session.SigningRequired || owner.Session.EncryptData)
        {
            throw new ScenarioInconclusiveException($"the session requires signing or encryption ({owner.Session.SessionFlags}): 3.3.5.2.4/3.3.5.2.9 would refuse an unsigned request with STATUS_ACCESS_DENIED first");
        }
        var other = await context.LogOnAsync();
        var create = other.Connection.Build(FileSteps.NewFile(context.ScratchPath("foreign-session")), tree: other.Tree);
        create.Header.SessionId = owner.Session.SessionId;
        var response = await other.Connection.SendOneAsync(new Smb2Request(create) { Signing = RequestSigning.DoNotSign, Encryption = RequestEncryption.DoNotEncrypt }, context.CancellationToken);
        // 3.3.5.1: the second connection started with an empty SessionTable; 3.3.5.2.9 looks the session up there.
        context.CheckStatus("3.3.5.2.9", "3.3.5.1#03, 3.3.5.2.9#02, 3.3.5.2.9#03", $"unsigned CREATE on a second connection naming session 0x{owner.Session.SessionId:X16} of the first (not in this Connection.SessionTable)",
            NtStatus.UserSessionDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.11", Requirements = ["3.3.5.2.11#02"], Title = "A CREATE naming a TreeId the session never connected: STATUS_NETWORK_NAME_DELETED")]
    public static async Task UnknownTreeIdIsNetworkNameDeleted(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var request = RequestSteps.Request(client, FileSteps.NewFile(context.ScratchPath("unknown-tree")));
        request.Header.TreeId = client.Tree.TreeConnectId ^ 0x7E57_0000u;
        var response = await client.Connection.SendOneAsync(request, context.CancellationToken);
        context.CheckStatus("3.3.5.2.11", "3.3.5.2.11#02", $"CREATE with TreeId 0x{request.Header.TreeId:X8}, not in Session.TreeConnectTable", NtStatus.NetworkNameDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.11", Requirements = ["3.3.5.2.11#01"],
        Title = "A CREATE of a second session on the connection naming the first session's TreeId: STATUS_NETWORK_NAME_DELETED (tree connects belong to their session)")]
    public static async Task TreeIdOfAnotherSessionIsNetworkNameDeleted(ScenarioContext context)
    {
        var first = await context.LogOnAsync();
        var connection = first.Connection;
        var second = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        if (second.Session is not { } session)
        {
            throw new ScenarioInconclusiveException($"a second SESSION_SETUP on the connection failed ({NtStatus.Describe(second.Status)})");
        }
        // The second session connected no share: the TreeId is only in the first session's TreeConnectTable.
        var create = connection.Build(FileSteps.NewFile(context.ScratchPath("foreign-tree")), session, first.Tree);
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(create) { Session = session });
        if (response is null)
        {
            context.Fail("3.3.5.2.11", "3.3.5.2.11#01", "CREATE naming another session's TreeId", NtStatus.Describe(NtStatus.NetworkNameDeleted), "the server closed the connection");
        }
        context.CheckStatus("3.3.5.2.11", "3.3.5.2.11#01", $"CREATE of session 0x{session.SessionId:X16} with TreeId 0x{first.Tree.TreeConnectId:X8}, a tree connect of session 0x{first.Session.SessionId:X16}",
            NtStatus.NetworkNameDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2", Requirements = ["3.3.5.2#12"], Title = "2.1+ multi-credit: an ECHO of more than 68 KiB (not a large-payload command): the server terminates the connection")]
    public static async Task OversizedEchoTerminates(ScenarioContext context)
    {
        var dialect = context.Capabilities.HighestDialect;
        if (dialect < Dialect.Smb210)
        {
            throw new ScenarioInconclusiveException("Connection.SupportsMultiCredit needs 2.1 or 3.x");
        }
        context.RequireCapability(dialect, GlobalCapabilities.LargeMtu);
        var client = await context.LogOnAsync();
        if (!client.Connection.SupportsMultiCredit)
        {
            throw new ScenarioInconclusiveException("the connection does not support multi-credit requests");
        }
        // An ECHO body (StructureSize 4, Reserved) followed by 70 KiB: the request is 70 KiB + 68 bytes.
        var body = new byte[4 + 70 * 1024];
        body[0] = 4;
        var request = RequestSteps.Request(client, new RawBody(Smb2Command.Echo, body), creditCharge: 1);
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.2", "3.3.5.2#12", $"an ECHO request of {Smb2Header.Size + body.Length} bytes (over 68*1024; ECHO is none of READ, WRITE, IOCTL, QUERY_DIRECTORY, CHANGE_NOTIFY, QUERY_INFO, SET_INFO)",
            client.Connection, request);
    }

    /// <summary>A negotiated connection and the SessionId of a SESSION_SETUP that answered STATUS_MORE_PROCESSING_REQUIRED (its NTLM CHALLENGE never answered).</summary>
    private static async Task<(Connection Connection, ulong SessionId)> SessionInProgressAsync(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var body = new SessionSetupRequest
        {
            SecurityMode = SecurityMode.SigningEnabled,
            Capabilities = GlobalCapabilities.Dfs,
            SecurityBuffer = new NegTokenInit { MechToken = new NtlmClient(TargetProbe.Credential(context.Target)).CreateNegotiate() }.ToArray(),
        };
        var response = await connection.SendOneAsync(new Smb2Request(connection.Build(body)), context.CancellationToken);
        if (response.Status != NtStatus.MoreProcessingRequired || response.Header.SessionId == 0)
        {
            throw new ScenarioInconclusiveException($"the first SESSION_SETUP leg was answered {NtStatus.Describe(response.Status)} with SessionId 0x{response.Header.SessionId:X16}, not STATUS_MORE_PROCESSING_REQUIRED with a SessionId");
        }
        return (connection, response.Header.SessionId);
    }
}
