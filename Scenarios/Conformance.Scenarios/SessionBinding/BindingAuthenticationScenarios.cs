using Conformance.Adapters.Client;
using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// The authentication of a binding (3.3.5.5 step 4, 3.3.5.5.3): a failed bind leaves the session as it
/// was, another user cannot bind it, the channel gets a key of its own, at every 3.x dialect.
/// </summary>
public static class BindingAuthenticationScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5.3#03", "3.3.5.5#07"],
        Title = "A bind with a wrong password fails with the authentication's error; the session goes on, and the right password then binds")]
    public static async Task BindingWithBadPasswordFails(ScenarioContext context)
    {
        var (first, _) = await FailedBindAsync(context);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#03", "TREE_CONNECT on the session's first channel after the failed bind", NtStatus.Success,
            await ChannelSteps.SessionRequestStatusAsync(context, first.Connection, first.Session));
        var (_, retry) = await ChannelSteps.BindAsync(context, first, Negotiate(first));
        context.CheckStatus("3.3.5.5", "3.3.5.5#07", "binding with the right password after the failed bind", NtStatus.Success, retry.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#07", "3.3.5.5.3#24"],
        Title = "After a bind with a wrong password the same connection binds the session with the right one")]
    public static async Task BindingRetriedOnTheSameConnection(ScenarioContext context)
    {
        var (first, connection) = await FailedBindAsync(context);
        var retry = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = first.Session }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#07", "binding again on the same connection with the right password", NtStatus.Success, retry.Status);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#24", "TREE_CONNECT on the channel bound at the second try", NtStatus.Success,
            await ChannelSteps.SessionRequestStatusAsync(context, connection, first.Session));
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#15", "3.3.5.5#16"],
        Title = "Another user cannot bind the session (STATUS_NOT_SUPPORTED; Windows answers ACCESS_DENIED); the session goes on and its own user then binds")]
    public static async Task BindingAsAnotherUserFails(ScenarioContext context)
    {
        var other = DurableSteps.OtherUser(context);
        var first = await LogOnAsync(context);
        var (_, bind) = await ChannelSteps.BindAsync(context, first, Negotiate(first), other);
        context.CheckStatus("3.3.5.5", "3.3.5.5#16", $"binding {context.Target.User}'s session authenticated as {other.User}", NtStatus.NotSupported, bind.Status);
        context.CheckStatus("3.3.5.5", "3.3.5.5#16", "TREE_CONNECT on the session's first channel after the refused bind", NtStatus.Success,
            await ChannelSteps.SessionRequestStatusAsync(context, first.Connection, first.Session));
        var (_, retry) = await ChannelSteps.BindAsync(context, first, Negotiate(first));
        context.CheckStatus("3.3.5.5", "3.3.5.5#15", "binding as the session's own user afterwards", NtStatus.Success, retry.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#18", "3.3.5.5#19"],
        Title = "After a failed bind, a SESSION_SETUP without SMB2_SESSION_FLAG_BINDING naming the session on the new connection: STATUS_USER_SESSION_DELETED")]
    public static async Task PlainSessionSetupAfterFailedBindFails(ScenarioContext context)
    {
        var (first, connection) = await FailedBindAsync(context);
        var response = await PlainSessionSetupAsync(context, connection, first.Session);
        context.CheckStatus("3.3.5.5", "3.3.5.5#19", "SESSION_SETUP (no BINDING flag) naming the session on the connection whose bind failed", NtStatus.UserSessionDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#18", "3.3.5.5#19"],
        Title = "A SESSION_SETUP without SMB2_SESSION_FLAG_BINDING naming another connection's session: STATUS_USER_SESSION_DELETED (looked up in Connection.SessionTable)")]
    public static async Task PlainSessionSetupOnAnotherConnectionFails(ScenarioContext context)
    {
        var first = await LogOnAsync(context);
        var connection = await ChannelSteps.NegotiatedOfClientAsync(context, first.Client, Negotiate(first));
        var response = await PlainSessionSetupAsync(context, connection, first.Session);
        context.CheckStatus("3.3.5.5", "3.3.5.5#19", "SESSION_SETUP (no BINDING flag) naming a session of another connection", NtStatus.UserSessionDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#13"],
        Title = "Binding the session again on a channel already bound: STATUS_REQUEST_NOT_ACCEPTED")]
    public static async Task BindingABoundChannelAgainFails(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var again = await session.Channels[1].SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = session.Session }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#13", "a second binding SESSION_SETUP on the bound channel", NtStatus.RequestNotAccepted, again.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#15", "3.3.5.5.3#17", "3.3.5.5.3#22"],
        Title = "The final binding response: STATUS_SUCCESS, SMB2_FLAGS_SERVER_TO_REDIR, and the session's SessionId")]
    public static async Task BindingResponseNamesTheSession(ScenarioContext context)
    {
        var first = await LogOnAsync(context);
        var (_, bind) = await ChannelSteps.BindAsync(context, first, Negotiate(first));
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#22", "the final binding response", NtStatus.Success, bind.Status);
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#15", "the final binding response's flags", (bind.Response.Header.Flags & Smb2HeaderFlags.ServerToRedir) != 0,
            "SMB2_FLAGS_SERVER_TO_REDIR", bind.Response.Header.Flags.ToString());
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#17", "SessionId of the final binding response", first.Session.SessionId, bind.Response.Header.SessionId, id => $"0x{id:X16}");
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#N01", "3.3.5.5#N02", "3.3.5.5.3#N02", "3.3.5.5.3#N03"],
        Title = "3.1.1: the channel key comes from the binding's own preauth hash: the final response verifies with it and not with a key from the session's hash")]
    public static async Task BindingKeyUsesTheBindingPreauthHash(ScenarioContext context)
    {
        context.RequireCapability(Dialect.Smb311, GlobalCapabilities.MultiChannel);
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [Dialect.Smb311] });
        var (connection, bind) = await ChannelSteps.BindAsync(context, first, new NegotiateOptions { Dialects = [Dialect.Smb311] });
        context.CheckStatus("3.3.5.5", "3.3.5.5#N02", "the 3.1.1 bind", NtStatus.Success, bind.Status);
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#N03", "the final binding response's signature with the key from the binding's preauth hash", SignatureVerdict.Valid, bind.Response.Signature);
        if (first.Session.PreauthIntegrityHashValue is not { } sessionHash || first.Session.SessionKey is not { } sessionKey)
        {
            throw new ScenarioInconclusiveException("the session kept no preauth hash or session key to derive the counter-example from");
        }
        var wrongKey = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, sessionKey, sessionHash.Value).SigningKey;
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#N03", "the final binding response's signature with a key from the session's own preauth hash",
            SignatureVerdict.Invalid, connection.VerifyWith(wrongKey, bind.Response.Response.Bytes.Span));
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#04", "3.3.5.5.3#39", "3.3.5.5.3#44", "3.3.5.5.3#55"],
        Title = "3.0: a bind's interim response is signed with the session key, its final one with the new channel key")]
    public static Task BindingAt300(ScenarioContext context) => BindingSignaturesAsync(context, Dialect.Smb300);

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#04", "3.3.5.5.3#39", "3.3.5.5.3#44", "3.3.5.5.3#55"],
        Title = "3.0.2: a bind's interim response is signed with the session key, its final one with the new channel key")]
    public static Task BindingAt302(ScenarioContext context) => BindingSignaturesAsync(context, Dialect.Smb302);

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#04", "3.3.5.5.3#39", "3.3.5.5.3#44", "3.3.5.5.3#55"],
        Title = "3.1.1: a bind's interim response is signed with the session key, its final one with the new channel key")]
    public static Task BindingAt311(ScenarioContext context) => BindingSignaturesAsync(context, Dialect.Smb311);

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#23", "3.3.5.5.3#24"],
        Title = "A session with four channels: each bind succeeds and every channel carries the session's requests")]
    public static async Task FourChannels(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 4);
        for (var index = 0; index < session.Channels.Count; index++)
        {
            context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#24", $"TREE_CONNECT on channel {index + 1} of 4", NtStatus.Success,
                await ChannelSteps.SessionRequestStatusAsync(context, session.Channels[index], session.Session));
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.4.1.1", "3.3.5.5", Requirements = ["3.3.4.1.1#02", "3.3.4.1.1#05", "3.3.5.5#08"],
        Title = "A signed bind refused for its dialect gets STATUS_INVALID_PARAMETER signed with Session.SigningKey")]
    public static async Task BindingRefusalIsSignedWithTheSessionKey(ScenarioContext context)
    {
        var dialects = new[] { Dialect.Smb311, Dialect.Smb302, Dialect.Smb300 }
            .Where(dialect => context.Capabilities.Dialects.Contains(dialect) && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.MultiChannel) != 0).ToList();
        if (dialects.Count < 2)
        {
            throw new ScenarioInconclusiveException($"needs two 3.x dialects with SMB2_GLOBAL_CAP_MULTI_CHANNEL; {context.Target.Name} has {dialects.Count}");
        }
        // AES-CMAC at 3.1.1, so both connections sign alike and the refusal, not the signature, is what differs.
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialects[0]], SigningAlgorithms = [Adapters.Wire.NegotiateContexts.SigningAlgorithm.AesCmac] });
        var (connection, bind) = await ChannelSteps.BindAsync(context, first, new NegotiateOptions { Dialects = [dialects[1]] });
        var subject = $"binding a {dialects[0].ToDisplayString()} session from a {dialects[1].ToDisplayString()} connection";
        context.CheckStatus("3.3.5.5", "3.3.5.5#08", subject, NtStatus.InvalidParameter, bind.Status);
        context.CheckTrue("3.3.4.1.1", "3.3.4.1.1#05", $"the refusal of {subject}", bind.Response.Header.IsSigned, "SMB2_FLAGS_SIGNED set", bind.Response.Header.Flags.ToString());
        context.CheckEqual("3.3.4.1.1", "3.3.4.1.1#02", $"the refusal's signature with Session.SigningKey", SignatureVerdict.Valid,
            connection.VerifyWith(first.Session.SigningKey!, bind.Response.Response.Bytes.Span));
    }

    private static async Task BindingSignaturesAsync(ScenarioContext context, Dialect dialect)
    {
        context.RequireCapability(dialect, GlobalCapabilities.MultiChannel);
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        var (connection, bind) = await ChannelSteps.BindAsync(context, first, new NegotiateOptions { Dialects = [dialect] });
        context.CheckStatus("3.3.5.5", "3.3.5.5#04", $"binding at {dialect.ToDisplayString()}", NtStatus.Success, bind.Status);
        var interim = bind.Legs[0];
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#55", "the interim binding response's signature with Session.SigningKey",
            SignatureVerdict.Valid, connection.VerifyWith(first.Session.SigningKey!, interim.Response.Bytes.Span));
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#44", "the final binding response's signature with the channel key we derived", SignatureVerdict.Valid, bind.Response.Signature);
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#39", "the final binding response's signature with Session.SigningKey (the first channel's)",
            SignatureVerdict.Invalid, connection.VerifyWith(first.Session.SigningKey!, bind.Response.Response.Bytes.Span));
    }

    /// <summary>A logged-on client and a connection of it whose bind of the session with a wrong password failed (checked: the authentication's error).</summary>
    private static async Task<(Smb2Client First, Connection Connection)> FailedBindAsync(ScenarioContext context)
    {
        var first = await LogOnAsync(context);
        var wrong = new NtlmCredential(context.Target.Domain, context.Target.User, context.Target.Password + "-wrong");
        var (connection, bind) = await ChannelSteps.BindAsync(context, first, Negotiate(first), wrong);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#03", "binding with a wrong password", NtStatus.LogonFailure, bind.Status);
        return (first, connection);
    }

    private static Task<Smb2Client> LogOnAsync(ScenarioContext context) =>
        SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [SessionSteps.MultiChannelDialect(context)] });

    private static NegotiateOptions Negotiate(Smb2Client first) => new() { Dialects = [first.Connection.Dialect!.Value] };

    /// <summary>A first SESSION_SETUP leg without SMB2_SESSION_FLAG_BINDING whose header names <paramref name="session"/>.</summary>
    private static async Task<Smb2Response> PlainSessionSetupAsync(ScenarioContext context, Connection connection, Session session)
    {
        var message = Smb2Message.For(new SessionSetupRequest
        {
            SecurityMode = SecurityMode.SigningEnabled,
            SecurityBuffer = new Adapters.Security.Spnego.NegTokenInit
            {
                MechTypes = [Adapters.Security.Spnego.SpnegoOids.Ntlmssp],
                MechToken = new NtlmClient(TargetProbe.Credential(context.Target)).CreateNegotiate(),
            }.ToArray(),
        });
        message.Header.SessionId = session.SessionId;
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(message) { Signing = RequestSigning.DoNotSign });
        if (response is null)
        {
            context.Fail("3.3.5.5", "3.3.5.5#19", "SESSION_SETUP naming another connection's session", "a SESSION_SETUP response", "the server closed the connection");
        }
        return response;
    }
}
