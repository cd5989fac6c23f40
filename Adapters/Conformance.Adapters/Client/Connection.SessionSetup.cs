using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>SESSION_SETUP: 3.2.4.2.3 (sending), 3.2.5.3 (receiving), NTLMv2 in SPNEGO.</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Authenticates <paramref name="credential"/> (<see cref="NtlmCredential.Anonymous"/> for an
    /// anonymous session) in as many legs as STATUS_MORE_PROCESSING_REQUIRED asks, keeping the 3.1.1
    /// preauth integrity hash, then derives the keys for the dialect (3.2.5.3.1), places the session
    /// in the SessionTable with its channel, and checks the final response's signature with the new
    /// keys (the verdict is on the response). A failure status comes back in the result, not as an exception.
    /// </summary>
    public async Task<SessionSetupResult> SessionSetupAsync(NtlmCredential credential, SessionSetupOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SessionSetupOptions();
        var ntlm = options.Ntlm ?? new NtlmClient(credential);
        var binding = options.BindTo;
        var existing = options.Reauthenticate;
        var mechTypes = new List<string> { SpnegoOids.Ntlmssp };
        var negotiate = ntlm.CreateNegotiate();
        ReadOnlyMemory<byte> token = options.UseSpnego ? new NegTokenInit { MechTypes = mechTypes, MechToken = negotiate }.ToArray() : negotiate;
        var sessionId = binding?.SessionId ?? existing?.SessionId ?? 0;
        // 3.1.1: Session.PreauthIntegrityHashValue starts from Connection.PreauthIntegrityHashValue.
        var hash = Dialect == Wire.Dialect.Smb311 ? PreauthIntegrityHashValue : null;
        var legs = new List<Smb2Response<SessionSetupResponse>>();

        for (var leg = 0; leg < options.MaxLegs; leg++)
        {
            var body = new SessionSetupRequest
            {
                Flags = binding is null ? SessionSetupRequestFlags.None : SessionSetupRequestFlags.Binding,
                SecurityMode = options.SecurityMode,
                Capabilities = options.Capabilities ?? GlobalCapabilities.Dfs,
                PreviousSessionId = options.PreviousSessionId,
                SecurityBuffer = token,
            };
            var message = Smb2Message.For(body);
            message.Header.SessionId = sessionId;
            var request = new Smb2Request(message)
            {
                Session = binding ?? existing,
                Signing = binding is not null ? RequestSigning.Sign : RequestSigning.Auto,
            };
            var pending = (await PostAsync([request], cancellationToken).ConfigureAwait(false))[0]!;
            var raw = await pending.WaitAsync(null, cancellationToken).ConfigureAwait(false);
            hash = hash?.Update(pending.SentBytes.Span);
            var response = Smb2Response<SessionSetupResponse>.From(raw);
            legs.Add(response);
            sessionId = raw.Header.SessionId;

            if (raw.Status == NtStatus.Success && response.Body is { } final)
            {
                var session = Complete(credential, options, ntlm, final, sessionId, hash);
                VerifyFinalSignature(raw, session);
                return new SessionSetupResult(session, response, legs, ntlm.ExportedSessionKey);
            }
            if (raw.Status != NtStatus.MoreProcessingRequired || response.Body is not { } more)
            {
                return new SessionSetupResult(null, response, legs, null);
            }
            hash = hash?.Update(raw.Bytes.Span);
            token = NextToken(ntlm, more.SecurityBuffer, options.UseSpnego, mechTypes, sessionId);
        }
        throw Error(ClientErrorKind.ProtocolFailure, $"SESSION_SETUP for session 0x{sessionId:X} still asked for more processing after {options.MaxLegs} legs");
    }

    /// <summary>The next GSS token: the NTLM AUTHENTICATE_MESSAGE for the server's CHALLENGE_MESSAGE, with a mechListMIC under SPNEGO.</summary>
    private ReadOnlyMemory<byte> NextToken(NtlmClient ntlm, ReadOnlyMemory<byte> securityBuffer, bool spnego, List<string> mechTypes, ulong sessionId)
    {
        var challenge = securityBuffer;
        if (spnego)
        {
            var negTokenResp = NegTokenResp.Read(securityBuffer);
            if (!negTokenResp.IsSuccess || negTokenResp.Value.ResponseToken is not { } responseToken)
            {
                throw Error(ClientErrorKind.ProtocolFailure,
                    $"the SESSION_SETUP Response for session 0x{sessionId:X} carries no SPNEGO responseToken: {(negTokenResp.IsSuccess ? negTokenResp.Value.ToString() : negTokenResp.Error.ToString())}");
            }
            challenge = responseToken;
        }
        var authenticate = ntlm.CreateAuthenticate(challenge);
        if (!authenticate.IsSuccess)
        {
            throw Error(ClientErrorKind.ProtocolFailure, $"the NTLM CHALLENGE_MESSAGE of session 0x{sessionId:X} could not be read: {authenticate.Error}");
        }
        if (!spnego)
        {
            return authenticate.Value;
        }
        // An anonymous context has no integrity (MS-NLMP 3.2.5.1.2 gives it no keys): no mechListMIC.
        var mechListMic = ntlm.ExportedSessionKey is { } key && !ntlm.Credential.IsAnonymous && (ntlm.NegotiatedFlags & NegotiateFlags.NegotiateSign) != 0
            ? SpnegoMechListMic.Compute(key, ntlm.NegotiatedFlags, fromClient: true, NegTokenInit.EncodeMechTypeList(mechTypes))
            : null;
        return new NegTokenResp { ResponseToken = authenticate.Value, MechListMic = mechListMic }.ToArray();
    }

    /// <summary>3.2.5.3.1 (new or reauthenticated session) and 3.2.5.3.3 (binding): the session state and keys.</summary>
    private Session Complete(NtlmCredential credential, SessionSetupOptions options, NtlmClient ntlm, SessionSetupResponse final, ulong sessionId, PreauthIntegrityHash? hash)
    {
        var dialect = Dialect ?? throw Error(ClientErrorKind.ProtocolFailure, "SESSION_SETUP succeeded on a connection whose dialect is Unknown");
        var key = ntlm.ExportedSessionKey;
        var keys = key is null ? null : SessionKeys.Derive(dialect, Smb2Role.Client, key, hash is null ? default : hash.Value, CipherId ?? Wire.NegotiateContexts.Cipher.Aes128Ccm);
        if (options.BindTo is { } bound)
        {
            if (keys is not null)
            {
                bound.AddChannel(this, keys.SigningKey);
            }
            SessionTable[sessionId] = bound;
            return bound;
        }
        var session = options.Reauthenticate ?? new Session(this, sessionId);
        session.SessionFlags = final.SessionFlags;
        session.UserCredentials = credential;
        var anonymousOrGuest = (final.SessionFlags & (SessionFlags.IsNull | SessionFlags.IsGuest)) != 0;
        if (keys is not null && !anonymousOrGuest && session.SigningKey is null)
        {
            session.SetKeys(keys);
            session.PreauthIntegrityHashValue = hash;
            if (dialect.IsSmb3())
            {
                session.AddChannel(this, keys.SigningKey);
            }
        }
        session.SigningRequired = !anonymousOrGuest && session.SessionKey is not null
            && (RequireSigning || (options.SecurityMode & SecurityMode.SigningRequired) != 0);
        session.EncryptData = dialect.IsSmb3() && (final.SessionFlags & SessionFlags.EncryptData) != 0;
        SessionTable[sessionId] = session;
        return session;
    }

    /// <summary>The final response is signed with the keys just derived (3.2.5.3.1): check it now that they exist.</summary>
    private void VerifyFinalSignature(Smb2Response raw, Session session)
    {
        if (raw.WasEncrypted)
        {
            return;
        }
        if (!raw.Header.IsSigned)
        {
            raw.Signature = session.SigningRequired ? SignatureVerdict.MissingButRequired : SignatureVerdict.NotSigned;
            return;
        }
        var key = SigningKeyFor(session, Smb2Command.Echo);
        raw.Signature = key is null ? SignatureVerdict.NoKey : VerifyWith(key, raw.Bytes.Span);
    }
}
