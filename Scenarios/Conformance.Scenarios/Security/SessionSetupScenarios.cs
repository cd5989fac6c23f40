using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>SESSION_SETUP (3.3.5.5, 3.3.5.5.1, 3.3.5.5.3): outcomes of authentication, SessionIds, flags and the signed final response.</summary>
public static class SessionSetupScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.5", "3.3.5.5.1", "3.3.5.5.3", Requirements = ["3.3.5.4#N07", "3.3.5.5#03", "3.3.5.5#N01", "3.3.5.5#N02", "3.3.5.5.1#03", "3.3.5.5.1#06",
        "3.3.5.5.3#14", "3.3.5.5.3#15", "3.3.5.5.3#17", "3.3.5.5.3#21", "3.3.5.5.3#22", "3.3.5.5.3#N02", "3.3.5.5.3#N03"],
        Title = "3.1.1: good credentials: STATUS_SUCCESS, a fresh SessionId, and a final response signed with the key derived from the preauth hash")]
    public static async Task GoodCredentialsGiveSignedFinalResponseAt311(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context, SessionSteps.Only(context, Dialect.Smb311));
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        // The second leg named the SessionId of the first: the new session was in this Connection.SessionTable (3.3.5.5.1).
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.1#03, 3.3.5.5.3#21, 3.3.5.5.3#22", "final SESSION_SETUP status", NtStatus.Success, setup.Status);
        var header = setup.Response.Header;
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#14", "the final response", setup.Response.Body is not null, "a SESSION_SETUP Response laid out as 2.2.6",
            setup.Response.DecodeError?.ToString() ?? "no body");
        context.CheckTrue("3.3.5.5.1", "3.3.5.5.1#06", "SessionId of the new session", header.SessionId is not (0 or ulong.MaxValue), "neither 0 nor 0xFFFFFFFFFFFFFFFF", $"0x{header.SessionId:X16}");
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#17", "SessionId of the final response (the one the first leg assigned)", setup.Legs[0].Header.SessionId, header.SessionId);
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#15", "Flags of the response", (header.Flags & Smb2HeaderFlags.ServerToRedir) != 0, "SMB2_FLAGS_SERVER_TO_REDIR set", header.Flags.ToString());
        var body = context.CheckBody("2.2.6", "final SESSION_SETUP Response", setup.Response);
        if ((body.SessionFlags & (SessionFlags.IsGuest | SessionFlags.IsNull)) != 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} logged the configured account on as guest or anonymous ({body.SessionFlags}): no signing key");
        }
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#N02", "the final SESSION_SETUP response of an authenticated 3.1.1 session", header.IsSigned, "SMB2_FLAGS_SIGNED set", header.Flags.ToString());
        // The client derived SigningKey from its own preauth hash of this exchange (label "SMBSigningKey").
        // The key comes from the session's preauth hash, which starts from the connection's (NEGOTIATE request and response) and
        // takes in every SESSION_SETUP request and interim response: one byte hashed differently and the signature would not verify.
        context.CheckEqual("3.3.5.5.3", "3.3.5.4#N07, 3.3.5.5#N01, 3.3.5.5#N02, 3.3.5.5.3#N03", "the final response's signature checked with the key we derived from the preauth integrity hash",
            SignatureVerdict.Valid, setup.Response.Signature);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#32", "3.3.5.5.3#37", "3.3.5.5.3#43"],
        Title = "3.0: SESSION_SETUP with SIGNING_REQUIRED: the final response is signed with the KDF-derived signing key")]
    public static async Task SigningRequiredSessionGetsSignedFinalResponseAt300(ScenarioContext context)
    {
        var dialect = context.Capabilities.Dialects.Contains(Dialect.Smb302) ? Dialect.Smb302 : Dialect.Smb300;
        var connection = await SessionSteps.NegotiatedAsync(context, SessionSteps.Only(context, dialect));
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target),
            new SessionSetupOptions { SecurityMode = SecurityMode.SigningEnabled | SecurityMode.SigningRequired }, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", null, "final SESSION_SETUP status", NtStatus.Success, setup.Status);
        var header = setup.Response.Header;
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#43", "the final response of a session that requires signing (client SecurityMode SIGNING_REQUIRED, 3.3.5.5.3 step 5)",
            header.IsSigned, "SMB2_FLAGS_SIGNED set", header.Flags.ToString());
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#37", "its signature checked with the SMB2AESCMAC/SmbSign key we derived", SignatureVerdict.Valid, setup.Response.Signature);
        // Session.SigningRequired: an unsigned request on it is refused (3.3.5.2.4).
        var echo = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(connection.Build(new TreeConnectRequest { Path = $@"\\{connection.ServerName}\{context.Target.Share}" }, setup.Session))
        {
            Session = setup.Session,
            Signing = RequestSigning.DoNotSign,
        });
        if (echo is not null)
        {
            context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#32", "unsigned TREE_CONNECT on the session the client asked to sign", NtStatus.AccessDenied, echo.Status);
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#33", "3.3.5.5.3#34", "3.3.5.5.3#35", "3.3.5.5.3#43"],
        Title = "2.1: SESSION_SETUP with SIGNING_REQUIRED: the final response is signed with the NTLM ExportedSessionKey")]
    public static async Task SigningRequiredSessionGetsSignedFinalResponseAt210(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context, SessionSteps.Only(context, Dialect.Smb210));
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target),
            new SessionSetupOptions { SecurityMode = SecurityMode.SigningEnabled | SecurityMode.SigningRequired }, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", null, "final SESSION_SETUP status", NtStatus.Success, setup.Status);
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#43", "the final response of a session that requires signing", setup.Response.Header.IsSigned, "SMB2_FLAGS_SIGNED set", setup.Response.Header.Flags.ToString());
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#33, 3.3.5.5.3#34, 3.3.5.5.3#35", "its HMAC-SHA256 signature checked with the ExportedSessionKey (16 bytes, as Session.SessionKey holds it)", SignatureVerdict.Valid, setup.Response.Signature);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#03", "3.3.5.5.3#10"], Title = "A wrong password: STATUS_LOGON_FAILURE and no session")]
    public static async Task WrongPasswordFailsWithLogonFailure(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target) with { Password = context.Target.Password + "-wrong" }, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#03", "SESSION_SETUP status for a wrong password", NtStatus.LogonFailure, setup.Status);
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#10", "the failure is the final answer", setup.Session is null, "no session", $"{setup.Session}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#19", "3.3.5.5.3#04"], Title = "After a failed logon its SessionId is unknown: reusing it gives STATUS_USER_SESSION_DELETED")]
    public static async Task FailedLogonLeavesNoSession(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target) with { Password = context.Target.Password + "-wrong" }, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#04", "SESSION_SETUP status for a wrong password", NtStatus.LogonFailure, setup.Status);
        var failedId = setup.Legs[0].Header.SessionId;
        var again = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target),
            new SessionSetupOptions { Reauthenticate = new Session(connection, failedId) }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#19", $"SESSION_SETUP naming the failed SessionId 0x{failedId:X16}", NtStatus.UserSessionDeleted, again.Legs[0].Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#03", "3.3.5.5.3#31"], Title = "An unknown user: STATUS_LOGON_FAILURE, or a guest session flagged IS_GUEST (server policy)")]
    public static async Task UnknownUserFailsOrIsGuest(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(new NtlmCredential(context.Target.Domain, $"nouser{Guid.NewGuid():N}"[..16], "Whatever1!"), cancellationToken: context.CancellationToken);
        if (setup.Status == NtStatus.Success)
        {
            var flags = context.CheckBody("2.2.6", "SESSION_SETUP Response", setup.Response).SessionFlags;
            context.Observe($"an unknown user was logged on (guest policy): SessionFlags {flags}");
            context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#31", "SessionFlags of a logon as an unknown user", (flags & SessionFlags.IsGuest) != 0, "SMB2_SESSION_FLAG_IS_GUEST", flags.ToString());
            return;
        }
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#03", "SESSION_SETUP status for an unknown user", NtStatus.LogonFailure, setup.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#30"], Title = "Anonymous NTLM logon: a session flagged IS_NULL, or refused (server policy)")]
    public static async Task AnonymousLogonIsNullSession(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(NtlmCredential.Anonymous, cancellationToken: context.CancellationToken);
        if (setup.Status != NtStatus.Success)
        {
            context.Observe($"anonymous logon refused with {NtStatus.Describe(setup.Status)}");
            context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#30", "status of a refused anonymous logon", NtStatus.IsError(setup.Status), "an error status", NtStatus.Describe(setup.Status));
            return;
        }
        var flags = context.CheckBody("2.2.6", "SESSION_SETUP Response", setup.Response).SessionFlags;
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#30", "SessionFlags of an anonymous session", (flags & SessionFlags.IsGuest) == 0, "not IS_GUEST (anonymous is not guest)", flags.ToString());
        context.Observe($"anonymous logon accepted: SessionFlags {flags}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#21", "3.3.5.5#22", "3.3.5.5.3#17", "3.3.5.5.3#51"], Title = "Re-authentication of a valid session: success, same SessionId, the session still works")]
    public static async Task ReauthenticationKeepsTheSession(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var again = await client.Connection.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { Reauthenticate = client.Session }, context.CancellationToken);
        if (again.Status != NtStatus.Success)
        {
            context.Observe($"re-authentication answered {NtStatus.Describe(again.Status)}");
            context.CheckStatus("3.3.5.5", "3.3.5.5#21, 3.3.5.5#22", "re-authentication of a valid session", NtStatus.Success, again.Status);
        }
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#17", "SessionId of the re-authentication's final response", client.Session.SessionId, again.Response.Header.SessionId);
        var open = await client.Connection.CreateAsync(client.Tree, FileSteps.NewFile(context.ScratchPath("reauth")), context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#51", "CREATE on the re-authenticated session", NtStatus.Success, open.Status);
        await client.Connection.CloseAsync(open.Open!, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", Requirements = ["3.3.5.5#19"], Title = "SESSION_SETUP naming a SessionId that does not exist (no binding): STATUS_USER_SESSION_DELETED")]
    public static async Task UnknownSessionIdFailsWithUserSessionDeleted(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var unknown = 0x7E57_0000_0000_0000UL | (uint)Random.Shared.Next();
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { Reauthenticate = new Session(connection, unknown) }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#19", $"SESSION_SETUP with SessionId 0x{unknown:X16}", NtStatus.UserSessionDeleted, setup.Legs[0].Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", Requirements = ["3.3.5.5#18"],
        Title = "SESSION_SETUP (no binding) on a second connection naming the first one's session: STATUS_USER_SESSION_DELETED (looked up on this connection)")]
    public static async Task SessionIdOfAnotherConnectionFailsWithUserSessionDeleted(ScenarioContext context)
    {
        var owner = await context.LogOnAsync();
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target),
            new SessionSetupOptions { Reauthenticate = new Session(connection, owner.Session.SessionId) }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#18", $"SESSION_SETUP without SMB2_SESSION_FLAG_BINDING naming session 0x{owner.Session.SessionId:X16} of another connection",
            NtStatus.UserSessionDeleted, setup.Legs[0].Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.1", Requirements = ["3.3.5.5.1#01", "3.3.5.5.1#03"],
        Title = "A second SESSION_SETUP with SessionId 0 on a connection: a new session, usable on that connection, that outlives the LOGOFF of the first")]
    public static async Task SecondSessionOnAConnectionIsItsOwn(ScenarioContext context)
    {
        var first = await context.LogOnAsync();
        var connection = first.Connection;
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.1", "3.3.5.5.1#01", "a second SESSION_SETUP with SessionId 0 on the connection", NtStatus.Success, setup.Status);
        var second = setup.Session!;
        context.CheckTrue("3.3.5.5.1", "3.3.5.5.1#01", "SessionId of the second session", second.SessionId != first.Session.SessionId,
            $"not 0x{first.Session.SessionId:X16} (a new session object)", $"0x{second.SessionId:X16}");
        var tree = await connection.TreeConnectAsync(second, context.Target.Share, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.1", "3.3.5.5.1#03", "TREE_CONNECT of the second session (in this Connection.SessionTable)", NtStatus.Success, tree.Status);
        var logoff = await connection.LogoffAsync(first.Session, context.CancellationToken);
        context.CheckStatus("3.3.5.6", null, "LOGOFF of the first session", NtStatus.Success, logoff.Status);
        var created = await connection.CreateAsync(tree.TreeConnect!, FileSteps.NewFile(context.ScratchPath("second-session")), context.CancellationToken);
        context.CheckStatus("3.3.5.5.1", "3.3.5.5.1#01", "CREATE of the second session after the first logged off", NtStatus.Success, created.Status);
        await connection.CloseAsync(created.Open!, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#06"],
        Title = "A re-authentication that fails removes the session and closes its opens: another session then opens the file it held exclusively")]
    public static async Task FailedReauthenticationClosesTheOpens(ScenarioContext context)
    {
        var holder = await context.LogOnAsync();
        var path = context.ScratchPath("failed-session-open");
        var kept = FileSteps.NewFile(path);
        kept.CreateOptions = CreateOptions.FileNonDirectoryFile;
        kept.ShareAccess = ShareAccess.None;
        var exclusive = await holder.Connection.CreateAsync(holder.Tree, kept, context.CancellationToken);
        context.CheckStatus("3.3.5.9", null, "CREATE of a file with ShareAccess 0 (no one else may open it)", NtStatus.Success, exclusive.Status);
        var other = await context.LogOnAsync();
        var blocked = await other.Connection.CreateAsync(other.Tree, OpenToDelete(path), context.CancellationToken);
        if (blocked.Status != NtStatus.SharingViolation)
        {
            await CloseIfOpenAsync(context, other, blocked);
            throw new ScenarioInconclusiveException($"a second open of the exclusively held file answered {NtStatus.Describe(blocked.Status)}, not STATUS_SHARING_VIOLATION: nothing shows whether the open goes");
        }
        var failed = await holder.Connection.SessionSetupAsync(TargetProbe.Credential(context.Target) with { Password = context.Target.Password + "-wrong" },
            new SessionSetupOptions { Reauthenticate = holder.Session }, context.CancellationToken);
        if (failed.Legs[^1].Status is NtStatus.Success or NtStatus.MoreProcessingRequired)
        {
            throw new ScenarioInconclusiveException($"the re-authentication with a wrong password ended {NtStatus.Describe(failed.Legs[^1].Status)}, not a failure");
        }
        await FenceAsync(context, holder);
        var opened = await other.Connection.CreateAsync(other.Tree, OpenToDelete(path), context.CancellationToken);
        await CloseIfOpenAsync(context, other, opened);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#06", $"opening the file after the session holding it failed to re-authenticate ({NtStatus.Describe(failed.Legs[^1].Status)})",
            NtStatus.Success, opened.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#07", "3.3.5.5.3#08"],
        Title = "A re-authentication that fails deregisters the session's tree connects: on a share taking one tree connect, another session refused before is accepted after")]
    public static async Task FailedReauthenticationFreesItsShareUse(ScenarioContext context)
    {
        var share = context.Target.LimitedShare ?? throw new ScenarioInconclusiveException("no share taking one tree connect at a time is configured (SMB_TARGET_LIMITED_SHARE)");
        var holder = await context.LogOnAsync();
        var held = await holder.Connection.TreeConnectAsync(holder.Session, share, cancellationToken: context.CancellationToken);
        if (held.TreeConnect is null)
        {
            throw new ScenarioInconclusiveException($"TREE_CONNECT to {share} failed ({NtStatus.Describe(held.Status)}): the target has no such share, or it is in use");
        }
        var other = await context.LogOnAsync();
        var refused = await other.Connection.TreeConnectAsync(other.Session, share, cancellationToken: context.CancellationToken);
        if (refused.TreeConnect is not null)
        {
            throw new ScenarioInconclusiveException($"{share} took a second tree connect: it does not limit its uses to one (Samba: 'max connections = 1')");
        }
        context.Observe($"second TREE_CONNECT to {share} while another session holds it: {NtStatus.Describe(refused.Status)} (3.3.5.7 names STATUS_REQUEST_NOT_ACCEPTED)");
        var failed = await holder.Connection.SessionSetupAsync(TargetProbe.Credential(context.Target) with { Password = context.Target.Password + "-wrong" },
            new SessionSetupOptions { Reauthenticate = holder.Session }, context.CancellationToken);
        if (failed.Legs[^1].Status is NtStatus.Success or NtStatus.MoreProcessingRequired)
        {
            throw new ScenarioInconclusiveException($"the re-authentication with a wrong password ended {NtStatus.Describe(failed.Legs[^1].Status)}, not a failure");
        }
        await FenceAsync(context, holder);
        var accepted = await other.Connection.TreeConnectAsync(other.Session, share, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#07, 3.3.5.5.3#08",
            $"TREE_CONNECT to {share} after the session holding its one use failed to re-authenticate ({NtStatus.Describe(failed.Legs[^1].Status)})", NtStatus.Success, accepted.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#26", "3.3.5.5.3#27", "3.3.5.5.3#45", "3.3.5.5.3#46", "3.3.5.5.3#47", "3.3.5.5.3#49"], Title = "PreviousSessionId of the same user on a new connection: the previous session is torn down")]
    public static async Task PreviousSessionIdTearsDownTheOldSession(ScenarioContext context)
    {
        var first = await context.LogOnAsync();
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { PreviousSessionId = first.Session.SessionId }, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#45", "SESSION_SETUP with PreviousSessionId", NtStatus.Success, setup.Status);
        var created = await RequestSteps.SendOrDisconnectAsync(context, first.Connection, RequestSteps.Request(first, FileSteps.NewFile(context.ScratchPath("previous"))));
        if (created is null)
        {
            context.Observe("the previous session's connection was closed");
            return;
        }
        // Found in GlobalSessionTable (it lives on another connection), its user compared with the new one's and found the same.
        context.CheckStatusIn("3.3.5.5.3", "3.3.5.5.3#26, 3.3.5.5.3#27, 3.3.5.5.3#46, 3.3.5.5.3#47, 3.3.5.5.3#49", "CREATE on the previous session after the new logon named it", created.Status, NtStatus.UserSessionDeleted, NtStatus.NetworkNameDeleted);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.6", Requirements = ["3.3.5.2.6#01"], Title = "SESSION_SETUP whose SecurityBufferOffset/Length point outside the message: STATUS_INVALID_PARAMETER")]
    public static async Task SecurityBufferOutsideTheMessageIsInvalid(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var token = new NtlmClient(TargetProbe.Credential(context.Target)).CreateNegotiate();
        var body = new SessionSetupRequest { SecurityBuffer = token, SecurityBufferOffset = 0x0F00, SecurityBufferLength = (ushort)token.Length };
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(connection.Build(body)));
        if (response is null)
        {
            context.Observe("the server disconnected (3.3.5.2.6 allows it)");
            return;
        }
        context.CheckStatus("3.3.5.2.6", "3.3.5.2.6#01", "SESSION_SETUP with SecurityBufferOffset 0x0F00 past the end", NtStatus.InvalidParameter, response.Status);
    }

    /// <summary>An open of an existing file for deleting it (deleted when closed), sharing nothing.</summary>
    private static CreateRequest OpenToDelete(string path)
    {
        var request = FileSteps.NewFile(path);
        request.CreateDisposition = CreateDisposition.FileOpen;
        request.ShareAccess = ShareAccess.None;
        return request;
    }

    private static async Task CloseIfOpenAsync(ScenarioContext context, Smb2Client client, CreateResult created)
    {
        if (created.Open is { } open)
        {
            await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        }
    }

    /// <summary>
    /// A round trip on the connection whose re-authentication failed: a server may tear the session
    /// down just after its answer (Samba 4.17 does), and requests on a connection are handled in order,
    /// so once the ECHO is answered the teardown is done. Its status does not matter.
    /// </summary>
    private static async Task FenceAsync(ScenarioContext context, Smb2Client holder) =>
        await holder.Connection.EchoAsync(cancellationToken: context.CancellationToken);
}
