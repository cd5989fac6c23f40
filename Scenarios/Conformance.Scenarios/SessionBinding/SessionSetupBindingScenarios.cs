using System.Security.Cryptography;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>SESSION_SETUP with SMB2_SESSION_FLAG_BINDING (3.3.5.5 step 4, 3.3.5.5.3): a session bound to a second connection, and each refusal the clause lists.</summary>
public static class SessionSetupBindingScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.2.4", "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.2.4#04", "3.3.5.5#04", "3.3.5.5#05", "3.3.5.5#07", "3.3.5.5#15",
        "3.3.5.5.3#23", "3.3.5.5.3#24", "3.3.5.5.3#28", "3.3.5.5.3#39", "3.3.5.5.3#44", "3.3.5.5.3#55"],
        Title = "Binding a session to a second connection: interim responses signed with the session key, the final one with the new channel key, and the channel works")]
    public static async Task BindingAddsAChannel(ScenarioContext context)
    {
        var (first, second) = await PairAsync(context);
        var bind = await second.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = first.Session }, context.CancellationToken);
        // Found in GlobalSessionTable (3.3.5.2.4, 3.3.5.5), through every check of step 4, its user compared with the name the logon recorded (3.3.5.5.3).
        context.CheckStatus("3.3.5.5", "3.3.5.2.4#04, 3.3.5.5#04, 3.3.5.5#05, 3.3.5.5#07, 3.3.5.5#15, 3.3.5.5.3#28",
            "SESSION_SETUP with SMB2_SESSION_FLAG_BINDING for a valid session of the same user", NtStatus.Success, bind.Status);
        var interim = bind.Legs[0];
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#55", "the interim (STATUS_MORE_PROCESSING_REQUIRED) binding response", interim.Header.IsSigned, "SMB2_FLAGS_SIGNED set", interim.Header.Flags.ToString());
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#55", "the interim binding response's signature checked with Session.SigningKey",
            SignatureVerdict.Valid, second.VerifyWith(first.Session.SigningKey!, interim.Response.Bytes.Span));
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#44", "the final binding response", bind.Response.Header.IsSigned, "SMB2_FLAGS_SIGNED set", bind.Response.Header.Flags.ToString());
        // The client derived Channel.SigningKey from this binding's own authentication (and, at 3.1.1, its preauth hash).
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#39", "the final binding response's signature checked with the channel signing key we derived",
            SignatureVerdict.Valid, bind.Response.Signature);
        var connected = await second.SendOneAsync(new Smb2Request(second.Build(new TreeConnectRequest { Path = $@"\\{second.ServerName}\{context.Target.Share}" }, first.Session))
        {
            Session = first.Session,
            Signing = RequestSigning.Sign,
        }, context.CancellationToken);
        // The session is in this connection's SessionTable now, with a channel for it (3.3.5.5.3).
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23, 3.3.5.5.3#24, 3.3.5.5.3#39", "TREE_CONNECT on the new channel, signed with the channel signing key", NtStatus.Success, connected.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.2.4", Requirements = ["3.3.5.2.4#08"],
        Title = "3.x: on a bound channel a request verifies with that channel's signing key; signed with the session's (the first channel's) key it is refused")]
    public static async Task BoundChannelVerifiesWithItsOwnKey(ScenarioContext context)
    {
        var (first, second) = await PairAsync(context);
        var bind = await second.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = first.Session }, context.CancellationToken);
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#08", "binding SESSION_SETUP, signed with Session.SigningKey", NtStatus.Success, bind.Status);
        var path = $@"\\{second.ServerName}\{context.Target.Share}";
        var channel = await second.SendOneAsync(new Smb2Request(second.Build(new TreeConnectRequest { Path = path }, first.Session)) { Session = first.Session, Signing = RequestSigning.Sign },
            context.CancellationToken);
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#08", "TREE_CONNECT on the bound channel signed with its Channel.SigningKey", NtStatus.Success, channel.Status);
        // The same session as seen from a connection without its channel: the client signs with Session.SigningKey.
        var sessionKeyOnly = new Session(second, first.Session.SessionId) { SigningKey = first.Session.SigningKey, SessionKey = first.Session.SessionKey };
        var subject = "TREE_CONNECT on the bound channel signed with Session.SigningKey (the key of the session's first channel, not this one's)";
        var response = await RequestSteps.SendOrDisconnectAsync(context, second,
            new Smb2Request(second.Build(new TreeConnectRequest { Path = path }, sessionKeyOnly)) { Session = sessionKeyOnly, Signing = RequestSigning.Sign });
        if (response is null)
        {
            context.Observe($"{subject}: the server disconnected (3.3.5.2.4 MAY after a bad signature)");
            return;
        }
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#08", subject, NtStatus.AccessDenied, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#06"], Title = "Binding a SessionId no connection holds: STATUS_USER_SESSION_DELETED")]
    public static async Task BindingUnknownSessionFails(ScenarioContext context)
    {
        var (_, second) = await PairAsync(context);
        var unknown = new Session(second, 0x7E57_0000_0000_0000UL | (uint)Random.Shared.Next()) { SigningKey = RandomNumberGenerator.GetBytes(16) };
        var response = await SendBindingAsync(context, second, unknown.SessionId, unknown, RequestSigning.Sign);
        context.CheckStatus("3.3.5.5", "3.3.5.5#06", $"binding SESSION_SETUP for SessionId 0x{unknown.SessionId:X16}", NtStatus.UserSessionDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08"], Title = "Binding from a connection of another 3.x dialect than the session's: STATUS_INVALID_PARAMETER")]
    public static async Task BindingFromAnotherDialectFails(ScenarioContext context)
    {
        var dialects = new[] { Dialect.Smb311, Dialect.Smb302, Dialect.Smb300 }
            .Where(dialect => context.Capabilities.Dialects.Contains(dialect) && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.MultiChannel) != 0).ToList();
        if (dialects.Count < 2)
        {
            throw new ScenarioInconclusiveException($"needs two 3.x dialects with SMB2_GLOBAL_CAP_MULTI_CHANNEL; {context.Target.Name} has {dialects.Count}");
        }
        var clientGuid = Guid.NewGuid();
        // At 3.1.1 AES-CMAC only, so the binding request's signature (3.3.5.2.4, checked first) is valid on both connections.
        var first = await SessionSteps.LogOnAsync(context, dialects[0] == Dialect.Smb311
            ? new NegotiateOptions { Dialects = [dialects[0]], ClientGuid = clientGuid, SigningAlgorithms = [SigningAlgorithm.AesCmac] }
            : new NegotiateOptions { Dialects = [dialects[0]], ClientGuid = clientGuid });
        var second = await SessionSteps.NegotiatedAsync(context, new NegotiateOptions { Dialects = [dialects[1]], ClientGuid = clientGuid });
        var response = await SendBindingAsync(context, second, first.Session.SessionId, first.Session, RequestSigning.Sign);
        context.CheckStatus("3.3.5.5", "3.3.5.5#08", $"binding a {dialects[0].ToDisplayString()} session from a {dialects[1].ToDisplayString()} connection (3.3.5.5 step 4)", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#07", "3.3.5.5#09"], Title = "An unsigned binding SESSION_SETUP: STATUS_INVALID_PARAMETER")]
    public static async Task UnsignedBindingFails(ScenarioContext context)
    {
        var (first, second) = await PairAsync(context);
        var response = await SendBindingAsync(context, second, first.Session.SessionId, null, RequestSigning.DoNotSign);
        context.CheckStatus("3.3.5.5", "3.3.5.5#07, 3.3.5.5#09", "binding SESSION_SETUP without SMB2_FLAGS_SIGNED", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#12", "3.3.5.5.3#29"], Title = "Binding an anonymous session: STATUS_NOT_SUPPORTED")]
    public static async Task BindingAnonymousSessionFails(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        var clientGuid = Guid.NewGuid();
        var first = await SessionSteps.NegotiatedAsync(context, new NegotiateOptions { Dialects = [dialect], ClientGuid = clientGuid });
        var anonymous = await first.SessionSetupAsync(NtlmCredential.Anonymous, cancellationToken: context.CancellationToken);
        if (anonymous.Session is not { } session)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} refused the anonymous logon ({NtStatus.Describe(anonymous.Status)})");
        }
        var second = await SessionSteps.NegotiatedAsync(context, new NegotiateOptions { Dialects = [dialect], ClientGuid = clientGuid });
        // An anonymous session has no key: the request is flagged signed with a signature no key made.
        var response = await SendBindingAsync(context, second, session.SessionId, null, RequestSigning.FalsifySignature);
        // The logon asked GSS whether the context is anonymous and marked the session so (3.3.5.5.3 step 4).
        context.CheckStatus("3.3.5.5", "3.3.5.5#12, 3.3.5.5.3#29", "binding an anonymous session (3.3.5.5 step 4, and 3.3.5.2.4 for a session without SigningKey; Samba 4.17 answers STATUS_INVALID_PARAMETER)", NtStatus.NotSupported, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#05", "3.3.5.5#07", "3.3.5.5#13"], Title = "Binding a session on the connection that already holds it: STATUS_REQUEST_NOT_ACCEPTED")]
    public static async Task BindingOnTheSameConnectionFails(ScenarioContext context)
    {
        var (first, _) = await PairAsync(context);
        var response = await SendBindingAsync(context, first.Connection, first.Session.SessionId, first.Session, RequestSigning.Sign);
        context.CheckStatus("3.3.5.5", "3.3.5.5#05, 3.3.5.5#07, 3.3.5.5#13", "binding SESSION_SETUP on the session's own connection", NtStatus.RequestNotAccepted, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#14"], Title = "A binding SESSION_SETUP whose signature is wrong: refused with STATUS_ACCESS_DENIED (3.3.5.2.4)")]
    public static async Task BindingWithBadSignatureFails(ScenarioContext context)
    {
        var (first, second) = await PairAsync(context);
        var response = await SendBindingAsync(context, second, first.Session.SessionId, first.Session, RequestSigning.FalsifySignature);
        context.CheckStatus("3.3.5.5", "3.3.5.5#14", "binding SESSION_SETUP whose signature (made with Session.SigningKey) was altered (3.3.5.2.4; Samba 4.17 answers as if the session did not exist)", NtStatus.AccessDenied, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#15", "3.3.5.5#16", "3.3.5.5.3#28"], Title = "Binding a user's session with an anonymous authentication (another identity): STATUS_NOT_SUPPORTED")]
    public static async Task BindingAsAnotherIdentityFails(ScenarioContext context)
    {
        var (first, second) = await PairAsync(context);
        var bind = await second.SessionSetupAsync(NtlmCredential.Anonymous, new SessionSetupOptions { BindTo = first.Session }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#15, 3.3.5.5#16, 3.3.5.5.3#28", $"binding {context.Target.User}'s session with an anonymous AUTHENTICATE_MESSAGE (3.3.5.5 step 4: src_name differs from Session.UserName; Samba 4.17 answers STATUS_ACCESS_DENIED)", NtStatus.NotSupported, bind.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.2", Requirements = ["3.3.5.5#10"], Profile = ServerProfile.ExpiringSessions,
        Title = "Binding a session while it re-authenticates after expiring (Session.State InProgress): STATUS_REQUEST_NOT_ACCEPTED")]
    public static async Task BindingSessionInProgressFails(ScenarioContext context)
    {
        // A session is InProgress with its keys only while it re-authenticates after expiring (3.3.5.5.2);
        // a new session in progress has no Session.SigningKey, so 3.3.5.2.4 refuses a signed request for it first.
        var (first, second) = await PairAsync(context);
        var open = await FileSteps.CreateScratchFileAsync(context, first, "binding-in-progress");
        await SessionExpirySteps.ExpireAsync(context, first, open);
        var restart = Smb2Message.For(new SessionSetupRequest { SecurityMode = SecurityMode.SigningEnabled, SecurityBuffer = NegotiateToken(context) });
        restart.Header.SessionId = first.Session.SessionId;
        var started = await first.Connection.SendOneAsync(new Smb2Request(restart) { Session = first.Session, Signing = RequestSigning.Sign }, context.CancellationToken);
        if (started.Status != NtStatus.MoreProcessingRequired)
        {
            throw new ScenarioInconclusiveException($"the first leg of re-authenticating the expired session was answered {NtStatus.Describe(started.Status)}, not STATUS_MORE_PROCESSING_REQUIRED");
        }
        var response = await SendBindingAsync(context, second, first.Session.SessionId, first.Session, RequestSigning.Sign,
            "3.3.5.5#10", NtStatus.Describe(NtStatus.RequestNotAccepted));
        context.CheckStatus("3.3.5.5", "3.3.5.5#10", "binding a session whose re-authentication has not completed (Session.State InProgress)", NtStatus.RequestNotAccepted, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#11"], Profile = ServerProfile.ExpiringSessions,
        Title = "Binding an expired session: STATUS_NETWORK_SESSION_EXPIRED")]
    public static async Task BindingExpiredSessionFails(ScenarioContext context)
    {
        var (first, second) = await PairAsync(context);
        var open = await FileSteps.CreateScratchFileAsync(context, first, "binding-expired");
        await SessionExpirySteps.ExpireAsync(context, first, open);
        var response = await SendBindingAsync(context, second, first.Session.SessionId, first.Session, RequestSigning.Sign);
        context.CheckStatus("3.3.5.5", "3.3.5.5#11", "binding a session past its expiration time (Session.State Expired)", NtStatus.NetworkSessionExpired, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#N03"],
        Title = "3.1.1: binding a session whose connection has SMB2_GLOBAL_CAP_NOTIFICATIONS from a connection without it: STATUS_INVALID_PARAMETER")]
    public static Task BindingWithoutNotificationsToANotifyingSessionFails(ScenarioContext context) => BindingAcrossNotificationsAsync(context, sessionNotifies: true);

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#N03"],
        Title = "3.1.1: binding a session whose connection lacks SMB2_GLOBAL_CAP_NOTIFICATIONS from a connection with it: STATUS_INVALID_PARAMETER")]
    public static Task BindingWithNotificationsToAQuietSessionFails(ScenarioContext context) => BindingAcrossNotificationsAsync(context, sessionNotifies: false);

    /// <summary>
    /// Current MS-SMB2 3.3.5.5 step 4, its last check: at 3.1.1 Session.SupportsNotifications (the
    /// answer of the session's own connection, 3.3.5.5.3) must equal the binding connection's. Which
    /// connection asks for SMB2_GLOBAL_CAP_NOTIFICATIONS is set by <paramref name="sessionNotifies"/>;
    /// the one that asks must get it (3.3.5.4), or the target does not support notifications.
    /// </summary>
    private static async Task BindingAcrossNotificationsAsync(ScenarioContext context, bool sessionNotifies)
    {
        context.RequireDialect(Dialect.Smb311);
        if ((context.Capabilities.Capabilities[Dialect.Smb311] & GlobalCapabilities.MultiChannel) == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not announce SMB2_GLOBAL_CAP_MULTI_CHANNEL at 3.1.1: no binding to test");
        }
        var clientGuid = Guid.NewGuid();
        var first = await SessionSteps.LogOnAsync(context, NotificationsOptions(clientGuid, sessionNotifies));
        var second = await SessionSteps.NegotiatedAsync(context, NotificationsOptions(clientGuid, !sessionNotifies));
        var asking = sessionNotifies ? first.Connection : second;
        if ((asking.ServerCapabilities & GlobalCapabilities.Notifications) == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not announce SMB2_GLOBAL_CAP_NOTIFICATIONS at 3.1.1 to a client that sets it (IsServerToClientNotificationsSupported is FALSE): Connection.SupportsNotifications cannot differ");
        }
        var other = sessionNotifies ? second : first.Connection;
        if ((other.ServerCapabilities & GlobalCapabilities.Notifications) != 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} announced SMB2_GLOBAL_CAP_NOTIFICATIONS to a client that did not set it: both connections support notifications");
        }
        var response = await SendBindingAsync(context, second, first.Session.SessionId, first.Session, RequestSigning.Sign,
            "3.3.5.5#N03", NtStatus.Describe(NtStatus.InvalidParameter));
        var subject = sessionNotifies
            ? "binding, from a 3.1.1 connection without SMB2_GLOBAL_CAP_NOTIFICATIONS, a session whose connection has it"
            : "binding, from a 3.1.1 connection with SMB2_GLOBAL_CAP_NOTIFICATIONS, a session whose connection lacks it";
        context.CheckStatus("3.3.5.5", "3.3.5.5#N03", subject, NtStatus.InvalidParameter, response.Status);
    }

    /// <summary>3.1.1 only, the client's usual capabilities, with or without SMB2_GLOBAL_CAP_NOTIFICATIONS.</summary>
    private static NegotiateOptions NotificationsOptions(Guid clientGuid, bool notifications) => new()
    {
        Dialects = [Dialect.Smb311],
        ClientGuid = clientGuid,
        Capabilities = GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu | GlobalCapabilities.MultiChannel
            | GlobalCapabilities.PersistentHandles | GlobalCapabilities.DirectoryLeasing | GlobalCapabilities.Encryption
            | (notifications ? GlobalCapabilities.Notifications : GlobalCapabilities.None),
    };

    /// <summary>A logged-on client and a second negotiated connection with the same ClientGuid and dialect.</summary>
    private static async Task<(Smb2Client First, Connection Second)> PairAsync(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        var clientGuid = Guid.NewGuid();
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect], ClientGuid = clientGuid });
        var second = await SessionSteps.NegotiatedAsync(context, new NegotiateOptions { Dialects = [dialect], ClientGuid = clientGuid });
        return (first, second);
    }

    /// <summary>The first leg of a binding: SMB2_SESSION_FLAG_BINDING, <paramref name="sessionId"/>, an NTLM NEGOTIATE_MESSAGE in SPNEGO; signed as <paramref name="signing"/> says.</summary>
    private static async Task<Smb2Response> SendBindingAsync(ScenarioContext context, Connection connection, ulong sessionId, Session? signingSession, RequestSigning signing,
        string? requirement = null, string expected = "a SESSION_SETUP response with a status")
    {
        var message = Smb2Message.For(new SessionSetupRequest
        {
            Flags = SessionSetupRequestFlags.Binding,
            SecurityMode = SecurityMode.SigningEnabled,
            SecurityBuffer = NegotiateToken(context),
        });
        message.Header.SessionId = sessionId;
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(message) { Session = signingSession, Signing = signing });
        if (response is null)
        {
            context.Fail("3.3.5.5", requirement, "binding SESSION_SETUP", expected, "the server closed the connection");
        }
        return response;
    }

    private static byte[] NegotiateToken(ScenarioContext context) =>
        new NegTokenInit { MechTypes = [SpnegoOids.Ntlmssp], MechToken = new NtlmClient(TargetProbe.Credential(context.Target)).CreateNegotiate() }.ToArray();
}
