using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.ReferenceServer.Tests.Protocol;

/// <summary>
/// A minimal SMB2 client for driving the reference server with raw frames built from the codec:
/// negotiate, NTLMv2/SPNEGO session setup with our NtlmClient, signing and encryption with
/// SessionKeys, MessageSigner and MessageEncryption. Not a client adapter: just enough for tests.
/// </summary>
internal sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);
    private ulong nextMessageId;

    private TestClient(DirectTcpTransport transport) => Transport = transport;

    public DirectTcpTransport Transport { get; }
    public Dialect Dialect { get; private set; }
    public ulong SessionId { get; private set; }
    public SessionKeys? Keys { get; private set; }
    public SigningAlgorithm SigningAlgorithm { get; private set; } = SigningAlgorithm.HmacSha256;
    public Cipher? TransformCipher { get; private set; }
    public PreauthIntegrityHash PreauthHash { get; private set; } = PreauthIntegrityHash.Initial;
    public NegotiateResponse? Negotiated { get; private set; }

    /// <summary>Sign every request once keys exist.</summary>
    public bool Sign { get; set; } = true;

    /// <summary>Encrypt every request once keys exist.</summary>
    public bool Encrypt { get; set; }

    public static async Task<TestClient> ConnectAsync(int port) =>
        new(await DirectTcpTransport.ConnectAsync("127.0.0.1", port).ConfigureAwait(false));

    public async Task<Reply> SendAsync(IMessageBody body, uint treeId = 0, Action<byte[]>? tamper = null, ushort creditCharge = 1, bool skipInterim = true)
    {
        var header = new Smb2Header
        {
            Command = body.Command,
            MessageId = nextMessageId,
            CreditCharge = Dialect == Dialect.Smb202 ? (ushort)0 : creditCharge,
            CreditRequestResponse = 64,
            SessionId = SessionId,
            TreeId = treeId,
        };
        nextMessageId += Math.Max((ushort)1, header.CreditCharge);
        var signing = Sign && Keys is not null && !Encrypt;
        if (signing)
        {
            header.Flags |= Smb2HeaderFlags.Signed;
        }
        var bytes = Smb2Message.For(body, header).Encode();
        if (signing)
        {
            MessageSigner.Sign(SigningAlgorithm, Keys!.SigningKey, bytes);
        }
        tamper?.Invoke(bytes);
        var sent = bytes;
        if (Encrypt && Keys is not null && TransformCipher is { } cipher)
        {
            sent = MessageEncryption.Encrypt(cipher, Keys.EncryptionKey, SessionId, bytes);
        }
        await Transport.SendAsync(sent).ConfigureAwait(false);
        var reply = await ReceiveAsync(skipInterim).ConfigureAwait(false);
        reply.Request = bytes;
        return reply;
    }

    /// <summary>The next response that is not an interim STATUS_PENDING, decrypted when it was encrypted.</summary>
    public async Task<Reply> ReceiveAsync(bool skipInterim = true)
    {
        while (true)
        {
            var frame = await Transport.ReceiveAsync(ReceiveTimeout).ConfigureAwait(false);
            var encrypted = frame.Length >= 4 && frame.Span.U32(0) == TransformHeader.TransformProtocolId;
            if (encrypted)
            {
                frame = MessageEncryption.Decrypt(TransformCipher!.Value, Keys!.DecryptionKey, frame.Span).Unwrap().Message;
            }
            var header = Smb2Header.Read(frame.Span).Unwrap();
            if (skipInterim && header.Status == NtStatus.Pending && header.IsAsync)
            {
                continue;
            }
            return new Reply(header, frame, encrypted);
        }
    }

    public async Task<NegotiateResponse> NegotiateAsync(IEnumerable<Dialect> dialects, List<NegotiateContext>? contexts = null,
        GlobalCapabilities capabilities = GlobalCapabilities.Encryption | GlobalCapabilities.LargeMtu, Guid? clientGuid = null)
    {
        var request = new NegotiateRequest
        {
            Dialects = dialects.ToList(),
            SecurityMode = SecurityMode.SigningEnabled,
            Capabilities = capabilities,
            ClientGuid = clientGuid ?? Guid.NewGuid(),
        };
        if (request.Dialects.Contains(Dialect.Smb311))
        {
            request.NegotiateContexts = contexts ??
            [
                new PreauthIntegrityCapabilities { Salt = new byte[32] },
                new EncryptionCapabilities { Ciphers = [Conformance.Adapters.Wire.NegotiateContexts.Cipher.Aes128Gcm, Conformance.Adapters.Wire.NegotiateContexts.Cipher.Aes128Ccm] },
                new SigningCapabilities { SigningAlgorithms = [Conformance.Adapters.Wire.NegotiateContexts.SigningAlgorithm.AesGmac, Conformance.Adapters.Wire.NegotiateContexts.SigningAlgorithm.AesCmac] },
            ];
        }
        var reply = await SendAsync(request).ConfigureAwait(false);
        if (reply.Header.Status != NtStatus.Success)
        {
            throw new AssertionException($"NEGOTIATE failed: {NtStatus.Describe(reply.Header.Status)}");
        }
        var response = NegotiateResponse.Read(reply.Bytes).Unwrap();
        Negotiated = response;
        Dialect = response.DialectRevision;
        PreauthHash = PreauthIntegrityHash.Initial.Update(reply.Request.Span).Update(reply.Bytes.Span);
        var signingContext = response.NegotiateContexts.OfType<SigningCapabilities>().FirstOrDefault();
        SigningAlgorithm = SigningAlgorithmExtensions.ForDialect(Dialect, signingContext is null ? null : signingContext.SigningAlgorithms[0]);
        TransformCipher = Dialect switch
        {
            Dialect.Smb300 or Dialect.Smb302 => (response.Capabilities & GlobalCapabilities.Encryption) != 0 ? Conformance.Adapters.Wire.NegotiateContexts.Cipher.Aes128Ccm : null,
            Dialect.Smb311 => response.NegotiateContexts.OfType<EncryptionCapabilities>().FirstOrDefault() is { Ciphers: [var cipher] } && cipher != 0 ? cipher : null,
            _ => null,
        };
        return response;
    }

    /// <summary>NTLMv2 in SPNEGO, two legs. Returns the final reply (its status tells success or failure).</summary>
    public async Task<Reply> SessionSetupAsync(string user, string password, string domain = "WORKGROUP", GlobalCapabilities capabilities = GlobalCapabilities.None)
    {
        var ntlm = new NtlmClient(new NtlmCredential(domain, user, password));
        var init = new NegTokenInit { MechTypes = [SpnegoOids.Ntlmssp], MechToken = ntlm.CreateNegotiate() };
        var first = await SendAsync(new SessionSetupRequest { Capabilities = capabilities, SecurityBuffer = init.ToArray() }).ConfigureAwait(false);
        if (first.Header.Status != NtStatus.MoreProcessingRequired)
        {
            return first;
        }
        SessionId = first.Header.SessionId;
        var hash = PreauthHash.Update(first.Request.Span).Update(first.Bytes.Span);
        var challengeToken = (NegTokenResp)SpnegoToken.Read(SessionSetupResponse.Read(first.Bytes).Unwrap().SecurityBuffer).Unwrap();
        var authenticate = ntlm.CreateAuthenticate(challengeToken.ResponseToken!.Value).Unwrap();
        var anonymous = user.Length == 0 && password.Length == 0;
        ReadOnlyMemory<byte>? mic = anonymous ? null : SpnegoMechListMic.Compute(ntlm.ExportedSessionKey!, ntlm.NegotiatedFlags, fromClient: true, init.MechTypeList);
        var request = new SessionSetupRequest { Capabilities = capabilities, SecurityBuffer = new NegTokenResp { ResponseToken = authenticate, MechListMic = mic }.ToArray() };
        // The final request enters the hash before the keys are derived; it is built here first to know its bytes.
        var header = new Smb2Header { Command = Smb2Command.SessionSetup, MessageId = nextMessageId, CreditCharge = Dialect == Dialect.Smb202 ? (ushort)0 : (ushort)1, CreditRequestResponse = 64, SessionId = SessionId };
        nextMessageId++;
        var bytes = Smb2Message.For(request, header).Encode();
        hash = hash.Update(bytes);
        await Transport.SendAsync(bytes).ConfigureAwait(false);
        var final = await ReceiveAsync().ConfigureAwait(false);
        final.Request = bytes;
        if (final.Header.Status == NtStatus.Success && !anonymous)
        {
            Keys = SessionKeys.Derive(Dialect, Smb2Role.Client, ntlm.ExportedSessionKey!, Dialect == Dialect.Smb311 ? hash.Value : default, TransformCipher ?? Conformance.Adapters.Wire.NegotiateContexts.Cipher.Aes128Ccm);
        }
        return final;
    }

    /// <summary>
    /// The first leg of binding <paramref name="owner"/>'s session to this connection (3.2.4.2.3,
    /// 3.3.5.5 step 4): SMB2_SESSION_FLAG_BINDING, the owner's SessionId, signed with the session's
    /// signing key and this connection's algorithm.
    /// </summary>
    public async Task<Reply> BindFirstLegAsync(TestClient owner)
    {
        var ntlm = new NtlmClient(new NtlmCredential("WORKGROUP", "tester", "Passw0rd!"));
        var init = new NegTokenInit { MechTypes = [SpnegoOids.Ntlmssp], MechToken = ntlm.CreateNegotiate() };
        var request = new SessionSetupRequest { Flags = SessionSetupRequestFlags.Binding, SecurityMode = SecurityMode.SigningEnabled, SecurityBuffer = init.ToArray() };
        var header = new Smb2Header
        {
            Command = Smb2Command.SessionSetup,
            MessageId = nextMessageId++,
            CreditCharge = 1,
            CreditRequestResponse = 64,
            SessionId = owner.SessionId,
            Flags = Smb2HeaderFlags.Signed,
        };
        var bytes = Smb2Message.For(request, header).Encode();
        MessageSigner.Sign(SigningAlgorithm, owner.Keys!.SigningKey, bytes);
        await Transport.SendAsync(bytes).ConfigureAwait(false);
        var reply = await ReceiveAsync().ConfigureAwait(false);
        reply.Request = bytes;
        return reply;
    }

    public async Task<(Reply Reply, uint TreeId, ShareFlags Flags)> TreeConnectAsync(string share)
    {
        var reply = await SendAsync(new TreeConnectRequest { Path = $@"\\127.0.0.1\{share}" }).ConfigureAwait(false);
        if (reply.Header.Status != NtStatus.Success)
        {
            return (reply, 0, 0);
        }
        return (reply, reply.Header.TreeId, TreeConnectResponse.Read(reply.Bytes).Unwrap().ShareFlags);
    }

    public async Task<(Reply Reply, FileId FileId)> CreateAsync(uint treeId, string name, CreateDisposition disposition = CreateDisposition.FileOpenIf,
        ShareAccess shareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete, CreateOptions options = CreateOptions.FileNonDirectoryFile)
    {
        var reply = await SendAsync(new CreateRequest
        {
            Name = name,
            DesiredAccess = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete,
            ShareAccess = shareAccess,
            CreateDisposition = disposition,
            CreateOptions = options,
        }, treeId).ConfigureAwait(false);
        return (reply, reply.Header.Status == NtStatus.Success ? CreateResponse.Read(reply.Bytes).Unwrap().FileId : default);
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}

/// <summary>A response: its header and bytes (decrypted), whether it came encrypted, and the request it answers.</summary>
internal sealed class Reply(Smb2Header header, ReadOnlyMemory<byte> bytes, bool encrypted)
{
    public Smb2Header Header { get; } = header;
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
    public bool Encrypted { get; } = encrypted;
    public ReadOnlyMemory<byte> Request { get; set; }
}
