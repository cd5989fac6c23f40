using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 SESSION_SETUP (3.3.5.5): NTLMv2 inside SPNEGO (or raw NTLMSSP), two legs; key derivation
/// (3.3.5.5.3); the 3.1.1 preauth integrity hash per session; re-authentication of a valid session;
/// binding a session to another 3.x connection as a new channel (multichannel).
/// </summary>
internal sealed class SessionSetupHandler : ICommandHandler
{
    public bool RequiresSession => false;
    public bool RequiresTreeConnect => false;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var wasValid = context.SessionId != 0 && context.Connection.SessionTable.TryGetValue(context.SessionId, out var before) && before.State != SessionState.InProgress;
        var outcome = await HandleSessionSetupAsync(context).ConfigureAwait(false);
        if (outcome.Status == NtStatus.Success && context.Session is { } session && SessionSetupRequest.Read(context.Bytes) is { IsSuccess: true } decoded)
        {
            // 3.3.5.5.3 step 2: a connection whose NEGOTIATE carried no capabilities takes the SESSION_SETUP's.
            if (context.Connection.ClientCapabilities == GlobalCapabilities.None)
            {
                context.Connection.ClientCapabilities = decoded.Value.Capabilities;
            }
            await ClosePreviousSessionAsync(context.Runtime, session, decoded.Value.PreviousSessionId).ConfigureAwait(false);
        }
        else if (context.AuthenticationFailed && wasValid && context.Session is { } failed)
        {
            // 3.3.5.5.3: a re-authentication the authentication protocol fails removes the session, closing its opens and
            // dropping its tree connects; the failure response is still signed with the session's key (3.3.4.1.1).
            await SessionTeardown.RunAsync(context.Runtime, failed, TeardownReason.AuthenticationFailed).ConfigureAwait(false);
        }
        return outcome;
    }

    /// <summary>
    /// 3.3.5.5.3 step 12: a PreviousSessionId naming another session of the same user tears that session
    /// down as a connection loss would (3.3.7.1); one of another user, or the session itself, is ignored.
    /// </summary>
    private static async Task ClosePreviousSessionAsync(ServerRuntime runtime, Session session, ulong previousSessionId)
    {
        var server = runtime.Server;
        if (previousSessionId == 0 || previousSessionId == session.SessionId
            || !server.GlobalSessionTable.TryGetValue(previousSessionId, out var previous) || previous.State != SessionState.Valid)
        {
            return;
        }
        var sameUser = string.Equals(previous.UserName, session.UserName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(previous.DomainName, session.DomainName, StringComparison.OrdinalIgnoreCase)
            && previous.IsAnonymous == session.IsAnonymous && previous.IsGuest == session.IsGuest;
        if (sameUser)
        {
            await SessionTeardown.RunAsync(runtime, previous, TeardownReason.PreviousSessionId).ConfigureAwait(false);
        }
    }

    private static Task<Outcome> HandleSessionSetupAsync(RequestContext context)
    {
        var connection = context.Connection;
        var server = context.Server;
        var decoded = SessionSetupRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        var request = decoded.Value;
        // 3.3.5.5 steps 1 and 2: a server that encrypts every session and rejects unencrypted access refuses a client that cannot encrypt.
        if (server.EncryptData && server.RejectUnencryptedAccess
            && (!connection.IsSmb3 || (connection.ClientCapabilities & GlobalCapabilities.Encryption) == 0))
        {
            return Task.FromResult(Error(NtStatus.AccessDenied));
        }
        Session session;
        if (context.SessionId != 0 && (request.Flags & SessionSetupRequestFlags.Binding) != 0)
        {
            // 3.3.5.5 step 4: binding needs a 3.x connection and a multichannel server (else the SHOULD of <225>).
            return Task.FromResult(connection.IsSmb3 && server.IsMultiChannelCapable ? Bind(context, request) : Error(NtStatus.RequestNotAccepted));
        }
        if (context.SessionId == 0)
        {
            // 3.3.5.5.1: a new session, in both tables from the start.
            session = new Session(server.NewSessionId(), connection, context.Runtime.Clock.GetUtcNow());
            server.GlobalSessionTable[session.SessionId] = session;
            connection.SessionTable[session.SessionId] = session;
            if (connection.Dialect == Dialect.Smb311)
            {
                connection.PreauthSessionTable[session.SessionId] = new PreauthSession(session.SessionId, connection.PreauthIntegrityHashValue);
            }
            context.SessionId = session.SessionId;
        }
        else if (!connection.SessionTable.TryGetValue(context.SessionId, out session!))
        {
            return Task.FromResult(Error(NtStatus.UserSessionDeleted));
        }
        context.Session = session;
        var reauthenticating = session.State is SessionState.Valid or SessionState.Expired;
        if (session.State == SessionState.Expired)
        {
            // 3.3.5.5.2: authentication starts over; the SessionKey (and the keys derived from it) stay.
            session.State = SessionState.InProgress;
            session.Authentication = new GssExchange();
        }
        if (connection.Dialect == Dialect.Smb311 && !reauthenticating)
        {
            if (!connection.PreauthSessionTable.TryGetValue(session.SessionId, out var preauth))
            {
                preauth = new PreauthSession(session.SessionId, connection.PreauthIntegrityHashValue);
                connection.PreauthSessionTable[session.SessionId] = preauth;
            }
            preauth.PreauthIntegrityHashValue = preauth.PreauthIntegrityHashValue.Update(context.Bytes.Span);
        }
        var exchange = session.Authentication;
        return Task.FromResult(Authenticate(context, session, exchange, request.SecurityBuffer,
            hashInterim: connection.Dialect == Dialect.Smb311 && !reauthenticating,
            fail: status => Fail(context, session, status),
            complete: (result, mic) => reauthenticating ? Reauthenticated(context, session, result, mic) : Establish(context, session, request, result, mic)));
    }

    /// <summary>
    /// 3.3.5.5 step 4: a SESSION_SETUP with SMB2_SESSION_FLAG_BINDING naming a session of another
    /// connection: the checks in the order of the clause, then an authentication whose success adds
    /// this connection as a channel of the session with its own signing key (3.3.5.5.3).
    /// </summary>
    private static Outcome Bind(RequestContext context, SessionSetupRequest request)
    {
        var connection = context.Connection;
        if (!context.Server.GlobalSessionTable.TryGetValue(context.SessionId, out var session))
        {
            return Error(NtStatus.UserSessionDeleted);
        }
        // 3.3.5.2.4 comes before 3.3.5.5: a signed bind is verified with Session.SigningKey first, and once
        // verified its refusals below are signed with that key (3.3.4.1.1). A session without a key (anonymous,
        // guest) is refused by step 4 instead.
        var verified = context.Header.IsSigned && session.SigningKey is { } sessionKey && MessageSigner.Verify(connection.SigningAlgorithm, sessionKey, context.Bytes.Span);
        if (context.Header.IsSigned && session.SigningKey is not null && !verified)
        {
            return Error(NtStatus.AccessDenied);
        }
        if (verified)
        {
            context.Session = session;
        }
        // The dialect is the first check of step 4 (our text and the current page alike); Windows and Samba
        // check the AES-GMAC rules below before it.
        if (session.Connection.Dialect != connection.Dialect)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (!context.Header.IsSigned)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (connection.Dialect == Dialect.Smb311)
        {
            // Current MS-SMB2 3.3.5.5 (3.1.1): an AES-GMAC channel cannot join a session of another signing
            // algorithm, nor another algorithm an AES-GMAC session; every channel encrypts with the session's
            // cipher (its keys are the session's).
            if (BindingSigningConflict(session.Connection.SigningAlgorithm, connection.SigningAlgorithm) is { } signingConflict)
            {
                return Error(signingConflict);
            }
            if (session.Connection.CipherId != connection.CipherId)
            {
                return Error(NtStatus.InvalidParameter);
            }
        }
        switch (session.State)
        {
            case SessionState.InProgress:
                return Error(NtStatus.RequestNotAccepted);
            case SessionState.Expired:
                return Error(NtStatus.NetworkSessionExpired);
        }
        if (session.IsAnonymous || session.IsGuest)
        {
            return Error(NtStatus.NotSupported);
        }
        if (connection.SessionTable.ContainsKey(session.SessionId))
        {
            return Error(NtStatus.RequestNotAccepted);
        }
        if (!verified)
        {
            return Error(NtStatus.AccessDenied);
        }
        Adm.Channel channel;
        lock (session.ChannelList)
        {
            var existing = session.ChannelList.Find(candidate => candidate.Connection == connection);
            // The channel limit counts the session's established channels, its first one included.
            if (existing is null && session.ChannelList.Count(candidate => candidate.Binding is null) >= context.Server.MaxChannelsPerSession)
            {
                return Error(NtStatus.InsufficientResources);
            }
            channel = existing ?? AddPendingChannel(session, connection);
        }
        if (channel.Binding is not { } exchange)
        {
            return Error(NtStatus.RequestNotAccepted);
        }
        if (connection.Dialect == Dialect.Smb311)
        {
            var preauth = connection.PreauthSessionTable.GetOrAdd(session.SessionId, id => new PreauthSession(id, connection.PreauthIntegrityHashValue));
            preauth.PreauthIntegrityHashValue = preauth.PreauthIntegrityHashValue.Update(context.Bytes.Span);
            // Current MS-SMB2 3.3.5.5, the last check of step 4: a channel must support one-way
            // notifications exactly when the session's own connection did.
            if (session.SupportsNotifications != connection.SupportsNotifications)
            {
                return FailBinding(context, session, channel, NtStatus.InvalidParameter);
            }
        }
        return Authenticate(context, session, exchange, request.SecurityBuffer, hashInterim: connection.Dialect == Dialect.Smb311,
            fail: status => FailBinding(context, session, channel, status),
            complete: (result, mic) => Bound(context, session, channel, result, mic));
    }

    /// <summary>
    /// The status a 3.1.1 binding gets when its connection's signing algorithm cannot serve the session:
    /// STATUS_NOT_SUPPORTED for an AES-GMAC channel of a session of another algorithm,
    /// STATUS_REQUEST_OUT_OF_SEQUENCE for a channel of another algorithm of an AES-GMAC session; null when
    /// they agree or neither is AES-GMAC (HMAC-SHA256 and AES-CMAC channels may serve each other's sessions).
    /// </summary>
    private static uint? BindingSigningConflict(SigningAlgorithm session, SigningAlgorithm channel) =>
        (session == SigningAlgorithm.AesGmac, channel == SigningAlgorithm.AesGmac) switch
        {
            (false, true) => NtStatus.NotSupported,
            (true, false) => NtStatus.RequestOutOfSequence,
            _ => null,
        };

    private static Adm.Channel AddPendingChannel(Session session, Adm.Connection connection)
    {
        var channel = new Adm.Channel(connection, null) { Binding = new GssExchange() };
        session.ChannelList.Add(channel);
        return channel;
    }

    /// <summary>3.3.5.5.3 for a binding: the same user only; the channel's signing key comes from this authentication.</summary>
    private static Outcome Bound(RequestContext context, Session session, Adm.Channel channel, NtlmAuthenticationResult result, ReadOnlyMemory<byte>? serverMechListMic)
    {
        var connection = context.Connection;
        // 3.3.5.5 step 4: GSS_Inquire_context's src_name must be the session's user.
        var sameUser = result.Kind == NtlmLogonKind.User
            && string.Equals(result.UserName, session.UserName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(result.DomainName, session.DomainName, StringComparison.OrdinalIgnoreCase);
        if (!sameUser || result.ExportedSessionKey is not { } exported)
        {
            return FailBinding(context, session, channel, NtStatus.NotSupported);
        }
        var dialect = connection.Dialect!.Value;
        var preauth = dialect == Dialect.Smb311 && connection.PreauthSessionTable.TryGetValue(session.SessionId, out var entry) ? entry.PreauthIntegrityHashValue.Value : default;
        var keys = SessionKeys.Derive(dialect, Smb2Role.Server, exported, preauth, connection.EffectiveCipher ?? Cipher.Aes128Ccm);
        var usesSpnego = channel.Binding?.UsesSpnego ?? true;
        channel.SigningKey = keys.SigningKey;
        channel.Binding = null;
        connection.SessionTable[session.SessionId] = session;
        connection.PreauthSessionTable.TryRemove(session.SessionId, out _);
        return Final(context, session, usesSpnego, serverMechListMic);
    }

    /// <summary>A failed binding leaves the session as it was: only the channel in progress goes.</summary>
    private static Outcome FailBinding(RequestContext context, Session session, Adm.Channel channel, uint status)
    {
        lock (session.ChannelList)
        {
            session.ChannelList.Remove(channel);
        }
        context.Connection.PreauthSessionTable.TryRemove(session.SessionId, out _);
        return Error(status);
    }

    /// <summary>Re-authentication keeps the session's keys (3.3.5.5.3 derives them only for a new session).</summary>
    private static Outcome Reauthenticated(RequestContext context, Session session, NtlmAuthenticationResult result, ReadOnlyMemory<byte>? serverMechListMic)
    {
        session.UserName = result.UserName;
        session.DomainName = result.DomainName;
        session.State = SessionState.Valid;
        StartExpiration(context.Runtime, session);
        return Final(context, session, session.Authentication.UsesSpnego, serverMechListMic);
    }

    private static Outcome Authenticate(RequestContext context, Session session, GssExchange exchange, ReadOnlyMemory<byte> token, bool hashInterim,
        Func<uint, Outcome> fail, Func<NtlmAuthenticationResult, ReadOnlyMemory<byte>?, Outcome> complete)
    {
        ReadOnlyMemory<byte>? ntlmToken;
        ReadOnlyMemory<byte>? clientMechListMic = null;
        if (token.Length >= 8 && NtlmMessageHeader.Peek(token.Span) is not null)
        {
            exchange.UsesSpnego = false;
            ntlmToken = token;
        }
        else
        {
            var spnego = SpnegoToken.Read(token);
            if (!spnego.IsSuccess)
            {
                return fail(NtStatus.InvalidParameter);
            }
            exchange.UsesSpnego = true;
            switch (spnego.Value)
            {
                case NegTokenInit init:
                    if (!init.MechTypes.Contains(SpnegoOids.Ntlmssp))
                    {
                        return fail(NtStatus.LogonFailure);
                    }
                    exchange.MechTypeList = init.MechTypeList;
                    // An optimistic token for another mechanism is dropped; the client then sends NTLMSSP.
                    ntlmToken = init.MechTypes[0] == SpnegoOids.Ntlmssp ? init.MechToken : null;
                    break;
                case NegTokenResp resp:
                    ntlmToken = resp.ResponseToken;
                    clientMechListMic = resp.MechListMic;
                    break;
                default:
                    return fail(NtStatus.InvalidParameter);
            }
        }
        var server = context.Server;
        var messageType = ntlmToken is { } peeked ? NtlmMessageHeader.Peek(peeked.Span) : null;
        if (ntlmToken is null || messageType is null)
        {
            // Ask for NTLMSSP: accept-incomplete naming it, no token.
            return MoreProcessing(context, session, hashInterim, new NegTokenResp { NegState = NegState.AcceptIncomplete, SupportedMech = SpnegoOids.Ntlmssp }.ToArray());
        }
        if (messageType == NtlmMessageType.Negotiate)
        {
            exchange.SecurityContext = new NtlmServer(server.Users)
            {
                AllowGuest = server.AllowGuest,
                AllowAnonymous = server.AllowAnonymousAccess,
                NbComputerName = server.NbComputerName,
                NbDomainName = server.NbDomainName,
                DnsComputerName = server.NbComputerName.ToLowerInvariant(),
            };
            var challenge = exchange.SecurityContext.CreateChallenge(ntlmToken.Value);
            if (!challenge.IsSuccess)
            {
                return fail(NtStatus.InvalidParameter);
            }
            var answer = exchange.UsesSpnego
                ? new NegTokenResp { NegState = NegState.AcceptIncomplete, SupportedMech = SpnegoOids.Ntlmssp, ResponseToken = challenge.Value }.ToArray()
                : challenge.Value;
            return MoreProcessing(context, session, hashInterim, answer);
        }
        if (messageType != NtlmMessageType.Authenticate || exchange.SecurityContext is null)
        {
            return fail(NtStatus.InvalidParameter);
        }
        var result = exchange.SecurityContext.Authenticate(ntlmToken.Value);
        if (!result.IsSuccess)
        {
            return fail(result.Status == NtStatus.InvalidParameter ? NtStatus.InvalidParameter : NtStatus.LogonFailure);
        }
        ReadOnlyMemory<byte>? serverMechListMic = null;
        if (exchange.UsesSpnego && result.ExportedSessionKey is { } exported && exchange.MechTypeList is { } mechTypeList)
        {
            // RFC 4178 5 / MS-SPNG 3.1.5.1: verify the initiator's mechListMIC, answer with ours.
            if (clientMechListMic is { } mic)
            {
                if (!SpnegoMechListMic.Verify(exported, result.NegotiateFlags, fromClient: true, mechTypeList, mic.Span))
                {
                    return fail(NtStatus.LogonFailure);
                }
                serverMechListMic = SpnegoMechListMic.Compute(exported, result.NegotiateFlags, fromClient: false, mechTypeList);
            }
        }
        return complete(result, serverMechListMic);
    }

    /// <summary>3.3.5.5.3: the session becomes valid; keys, signing and encryption requirements are set.</summary>
    private static Outcome Establish(RequestContext context, Session session, SessionSetupRequest request, NtlmAuthenticationResult result, ReadOnlyMemory<byte>? serverMechListMic)
    {
        var connection = context.Connection;
        var server = context.Server;
        var dialect = connection.Dialect!.Value;
        session.UserName = result.UserName;
        session.DomainName = result.DomainName;
        session.IsAnonymous = result.Kind == NtlmLogonKind.Anonymous;
        session.IsGuest = result.Kind == NtlmLogonKind.Guest;
        var flags = SessionFlags.None;
        if (session.IsAnonymous)
        {
            flags |= SessionFlags.IsNull;
        }
        else if (session.IsGuest)
        {
            flags |= SessionFlags.IsGuest;
        }
        else if (result.ExportedSessionKey is { } exported)
        {
            var preauth = connection.PreauthSessionTable.TryGetValue(session.SessionId, out var entry) ? entry.PreauthIntegrityHashValue : null;
            session.PreauthIntegrityHashValue = preauth;
            var keys = SessionKeys.Derive(dialect, Smb2Role.Server, exported,
                dialect == Dialect.Smb311 ? preauth!.Value : default, connection.EffectiveCipher ?? Cipher.Aes128Ccm);
            session.SessionKey = keys.SessionKey;
            session.FullSessionKey = exported;
            session.SigningKey = keys.SigningKey;
            session.ApplicationKey = keys.ApplicationKey;
            if (dialect.IsSmb3() && connection.EffectiveCipher is not null)
            {
                session.EncryptionKey = keys.EncryptionKey;
                session.DecryptionKey = keys.DecryptionKey;
            }
            // 3.3.5.5.3 step 5: the client's SIGNING_REQUIRED in this request, or the connection's or server's policy.
            session.SigningRequired = (request.SecurityMode & SecurityMode.SigningRequired) != 0 || connection.ShouldSign || server.RequireMessageSigning;
            if (server.EncryptData)
            {
                if (connection.EffectiveCipher is null)
                {
                    // 3.3.5.5.3: a client that cannot encrypt is refused when unencrypted access is rejected.
                    if (server.RejectUnencryptedAccess)
                    {
                        return Fail(context, session, NtStatus.AccessDenied);
                    }
                }
                else
                {
                    session.EncryptData = true;
                    flags |= SessionFlags.EncryptData;
                }
            }
        }
        lock (session.ChannelList)
        {
            session.ChannelList.Add(new Adm.Channel(connection, session.SigningKey));
        }
        session.State = SessionState.Valid;
        StartExpiration(context.Runtime, session);
        connection.PreauthSessionTable.TryRemove(session.SessionId, out _);
        var outcome = Final(context, session, session.Authentication.UsesSpnego, serverMechListMic, flags);
        return outcome;
    }

    private static Outcome Final(RequestContext context, Session session, bool usesSpnego, ReadOnlyMemory<byte>? serverMechListMic, SessionFlags flags = SessionFlags.None)
    {
        // Current MS-SMB2 3.3.5.5.3, the last step of a successful final leg. For a binding the
        // values already match (3.3.5.5 step 4 refused any other).
        if (context.Connection.Dialect == Dialect.Smb311 && context.Server.IsServerToClientNotificationsSupported)
        {
            session.SupportsNotifications = context.Connection.SupportsNotifications;
        }
        if (session.EncryptData)
        {
            flags |= SessionFlags.EncryptData;
        }
        var buffer = usesSpnego
            ? new NegTokenResp { NegState = NegState.AcceptCompleted, MechListMic = serverMechListMic }.ToArray()
            : [];
        return Outcome.Success(new SessionSetupResponse { SessionFlags = flags, SecurityBuffer = buffer });
    }

    /// <summary>An interim response; at 3.1.1 a new session's or a binding's is folded into its preauth hash once encoded.</summary>
    private static Outcome MoreProcessing(RequestContext context, Session session, bool hashInterim, byte[] token)
    {
        var connection = context.Connection;
        var outcome = Outcome.WithStatus(NtStatus.MoreProcessingRequired, new SessionSetupResponse { SecurityBuffer = token });
        if (hashInterim)
        {
            outcome = outcome.WithOnEncoded(encoded =>
            {
                if (connection.PreauthSessionTable.TryGetValue(session.SessionId, out var preauth))
                {
                    preauth.PreauthIntegrityHashValue = preauth.PreauthIntegrityHashValue.Update(encoded.Span);
                }
            });
        }
        return outcome;
    }

    /// <summary>A failed authentication removes a session that was not yet valid (3.3.5.5.3); a valid one's teardown (it closes opens) follows in <see cref="HandleAsync"/>.</summary>
    private static Outcome Fail(RequestContext context, Session session, uint status)
    {
        context.AuthenticationFailed = true;
        if (session.State != SessionState.Valid)
        {
            context.Server.GlobalSessionTable.TryRemove(session.SessionId, out _);
            context.Connection.SessionTable.TryRemove(session.SessionId, out _);
            context.Connection.PreauthSessionTable.TryRemove(session.SessionId, out _);
            context.Session = null;
        }
        return Error(status);
    }

    /// <summary>
    /// 3.3.5.5.3 step 14: the expiration time the authentication subsystem gives (null is infinity),
    /// with the session expiration timer (3.3.2.3) started for it.
    /// </summary>
    private static void StartExpiration(ServerRuntime runtime, Session session)
    {
        session.ExpirationTime = runtime.Server.SessionLifetime is { } lifetime ? runtime.Clock.GetUtcNow() + lifetime : null;
        if (session.ExpirationTime is { } expiration)
        {
            runtime.SessionExpirationTimer.Start(expiration);
        }
    }

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.SessionSetup, status);
}
