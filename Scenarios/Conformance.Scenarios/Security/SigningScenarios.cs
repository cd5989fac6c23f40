using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>Signing: verification of requests (3.3.5.2.4) and signing of responses (3.3.4.1.1), per dialect and 3.1.1 algorithm.</summary>
public static class SigningScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", Requirements = ["3.3.5.2.4#03", "3.3.5.2.4#07", "3.3.5.2.4#11", "3.3.5.2.4#12"], Title = "A signed CREATE with a wrong signature: STATUS_ACCESS_DENIED, and no file is created")]
    public static async Task BadSignatureIsRefusedAndNotProcessed(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var path = context.ScratchPath("bad-signature");
        var response = await RequestSteps.SendOrDisconnectAsync(context, client.Connection, RequestSteps.Request(client, FileSteps.NewFile(path), RequestSigning.FalsifySignature));
        if (response is null)
        {
            context.Observe("the server disconnected after the bad signature (3.3.5.2.4 MAY)");
        }
        else
        {
            context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#07, 3.3.5.2.4#11", "CREATE with a falsified signature", NtStatus.AccessDenied, response.Status);
        }
        var checker = await context.LogOnAsync();
        var opened = await checker.Connection.CreateAsync(checker.Tree, FileSteps.OpenExisting(path), context.CancellationToken);
        if (opened.Open is { } open)
        {
            await checker.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        }
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#03", "opening the file the refused CREATE named", NtStatus.ObjectNameNotFound, opened.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", Requirements = ["3.3.5.2.4#14", "3.3.5.2.4#16", "3.3.5.2.4#17"], Title = "An unsigned CREATE on a session that requires signing (client SIGNING_REQUIRED): STATUS_ACCESS_DENIED")]
    public static async Task UnsignedRequestOnSigningSessionIsRefused(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect },
            new SessionSetupOptions { SecurityMode = SecurityMode.SigningEnabled | SecurityMode.SigningRequired });
        var path = context.ScratchPath("unsigned");
        var response = await RequestSteps.SendOrDisconnectAsync(context, client.Connection, RequestSteps.Request(client, FileSteps.NewFile(path), RequestSigning.DoNotSign));
        if (response is null)
        {
            context.Observe("the server disconnected after the unsigned request (3.3.5.2.4 MAY)");
            return;
        }
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#14, 3.3.5.2.4#16", "unsigned CREATE on a session that requires signing", NtStatus.AccessDenied, response.Status);
        var echo = await RequestSteps.SendOrDisconnectAsync(context, client.Connection, RequestSteps.Request(client, new EchoRequest()));
        context.CheckTrue("3.3.5.2.4", "3.3.5.2.4#17", "a signed ECHO afterwards", echo is null || echo.Status == NtStatus.Success, "STATUS_SUCCESS (or the connection closed, the MAY)", echo is null ? "" : NtStatus.Describe(echo.Status));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", Requirements = ["3.3.5.2.4#N03"], Title = "3.1.1: an unsigned, unencrypted TREE_CONNECT of an authenticated session: the server disconnects (current 3.3.5.7)")]
    public static async Task UnsignedTreeConnectAt311Disconnects(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, Dialect.Smb311));
        var connection = client.Connection;
        var request = new Smb2Request(connection.Build(new TreeConnectRequest { Path = $@"\\{connection.ServerName}\{context.Target.Share}" }, client.Session))
        {
            Session = client.Session,
            Signing = RequestSigning.DoNotSign,
            Encryption = RequestEncryption.DoNotEncrypt,
        };
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.2.4", "3.3.5.2.4#N03", "an unsigned, unencrypted TREE_CONNECT of an authenticated 3.1.1 session (current 3.3.5.7 says disconnect; refusing it with an error is the older behaviour)", connection, request);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", Requirements = ["3.3.5.2.4#06"], Title = "A signed request naming a SessionId that does not exist: STATUS_USER_SESSION_DELETED")]
    public static async Task SignedRequestOfUnknownSessionIsRefused(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var message = connection.Build(new EchoRequest());
        message.Header.SessionId = 0x7E57_0000_0000_0000UL | (uint)Random.Shared.Next();
        var response = await connection.SendOneAsync(new Smb2Request(message) { Signing = RequestSigning.FalsifySignature }, context.CancellationToken);
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#06", $"signed ECHO with SessionId 0x{message.Header.SessionId:X16}", NtStatus.UserSessionDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", Requirements = ["3.3.5.2.4#05"],
        Title = "A CREATE on a second connection naming the first one's session, signed with that session's key: STATUS_USER_SESSION_DELETED (the session is looked up on this connection)")]
    public static async Task SignedRequestNamingAnotherConnectionsSessionIsRefused(ScenarioContext context)
    {
        var owner = await context.LogOnAsync();
        if (owner.Session.SigningKey is null && owner.Session.SessionKey is null)
        {
            throw new ScenarioInconclusiveException("the session has no key (guest or anonymous): nothing to sign with");
        }
        var other = await context.LogOnAsync();
        var path = context.ScratchPath("foreign-signed");
        // Signed with the owner's key (no channel of it on this connection), under the owner's SessionId.
        var request = new Smb2Request(other.Connection.Build(FileSteps.NewFile(path), owner.Session, other.Tree))
        {
            Session = owner.Session,
            TreeConnect = other.Tree,
            Signing = RequestSigning.Sign,
            Encryption = RequestEncryption.DoNotEncrypt,
        };
        var response = await other.Connection.SendOneAsync(request, context.CancellationToken);
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#05", $"signed CREATE on a second connection naming session 0x{owner.Session.SessionId:X16} of the first (not in this Connection.SessionTable)",
            NtStatus.UserSessionDeleted, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.4", Requirements = ["3.3.5.2.4#15"],
        Title = "An unsigned CREATE on a second connection naming the first one's session, which requires signing: STATUS_ACCESS_DENIED (the signing check looks the session up globally)")]
    public static async Task UnsignedRequestNamingAnotherConnectionsSigningSessionIsRefused(ScenarioContext context)
    {
        var owner = await SessionSteps.LogOnAsync(context, new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect },
            new SessionSetupOptions { SecurityMode = SecurityMode.SigningEnabled | SecurityMode.SigningRequired });
        if (!owner.Session.SigningRequired)
        {
            throw new ScenarioInconclusiveException($"the session does not require signing ({owner.Session.SessionFlags})");
        }
        var other = await context.LogOnAsync();
        var create = other.Connection.Build(FileSteps.NewFile(context.ScratchPath("foreign-unsigned")), owner.Session, other.Tree);
        var response = await RequestSteps.SendOrDisconnectAsync(context, other.Connection, new Smb2Request(create) { Signing = RequestSigning.DoNotSign, Encryption = RequestEncryption.DoNotEncrypt });
        if (response is null)
        {
            context.Observe("the server disconnected after the unsigned request (3.3.5.2.4 MAY)");
            return;
        }
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#15",
            $"unsigned CREATE on a second connection naming session 0x{owner.Session.SessionId:X16}, which requires signing (found in GlobalSessionTable; STATUS_USER_SESSION_DELETED would mean a lookup on this connection only)",
            NtStatus.AccessDenied, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#06"],
        Title = "A client requiring signing in NEGOTIATE only (SESSION_SETUP without SIGNING_REQUIRED): its session requires signing, an unsigned CREATE is refused")]
    public static async Task SigningRequiredAtNegotiateMakesTheSessionSign(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context,
            new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect, SecurityMode = SecurityMode.SigningEnabled | SecurityMode.SigningRequired },
            new SessionSetupOptions { SecurityMode = SecurityMode.SigningEnabled });
        if ((client.Session.SessionFlags & (SessionFlags.IsGuest | SessionFlags.IsNull | SessionFlags.EncryptData)) != 0)
        {
            throw new ScenarioInconclusiveException($"the session is guest, anonymous or encrypting ({client.Session.SessionFlags}): Session.SigningRequired does not follow Connection.ShouldSign (3.3.5.5.3 steps 5 and 10)");
        }
        var subject = "unsigned CREATE on a session whose client required signing only in its NEGOTIATE (Connection.ShouldSign, 3.3.5.5.3 step 5)";
        var response = await RequestSteps.SendOrDisconnectAsync(context, client.Connection,
            RequestSteps.Request(client, FileSteps.NewFile(context.ScratchPath("should-sign")), RequestSigning.DoNotSign, RequestEncryption.DoNotEncrypt));
        if (response is null)
        {
            context.Observe($"{subject}: the server disconnected (3.3.5.2.4 MAY)");
            return;
        }
        context.CheckStatus("3.3.5.4", "3.3.5.4#06", subject, NtStatus.AccessDenied, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", Requirements = ["3.3.4.1.1#01", "3.3.4.1.1#03", "3.3.4.1.1#05"], Title = "A signed request on a session that does not require signing gets a signed response")]
    public static async Task SignedRequestGetsSignedResponse(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        if (client.Session.SigningKey is null && client.Session.SessionKey is null)
        {
            throw new ScenarioInconclusiveException("the session has no key (guest or anonymous)");
        }
        var created = await RequestSteps.SendAsync<CreateResponse>(context, client.Connection, RequestSteps.Request(client, FileSteps.NewFile(context.ScratchPath("signed")), RequestSigning.Sign));
        context.CheckStatus("3.3.5.2.4", null, "signed CREATE", NtStatus.Success, created.Status);
        await client.Connection.CloseAsync(new Open(client.Tree, client.Connection, created.Body!.FileId, "signed"), cancellationToken: context.CancellationToken);
        context.CheckTrue("3.3.4.1.1", "3.3.4.1.1#01", "response to a signed CREATE", created.Header.IsSigned, "SMB2_FLAGS_SIGNED set (3.3.4.1.1: the request was signed)", created.Header.Flags.ToString());
        context.CheckEqual("3.3.4.1.1", "3.3.4.1.1#03", "its signature (channel signing key of this connection)", SignatureVerdict.Valid, created.Signature);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", "3.3.5.2.4", Requirements = ["3.3.4.1.1#04", "3.3.4.1.1#05", "3.3.5.2.4#07", "3.3.5.2.4#09", "3.3.5.2.4#13"], Title = "2.0.2 signing (HMAC-SHA256 with the session key) end to end")]
    public static Task SigningEndToEndAt202(ScenarioContext context) => EndToEndAsync(context, SessionSteps.Only(context, Dialect.Smb202), "3.3.4.1.1#04", SessionKeyVerifies);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", "3.3.5.2.4", Requirements = ["3.3.4.1.1#04", "3.3.4.1.1#05", "3.3.5.2.4#07", "3.3.5.2.4#09", "3.3.5.2.4#13"], Title = "2.1 signing (HMAC-SHA256 with the session key) end to end")]
    public static Task SigningEndToEndAt210(ScenarioContext context) => EndToEndAsync(context, SessionSteps.Only(context, Dialect.Smb210), "3.3.4.1.1#04", SessionKeyVerifies);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", "3.3.5.2.4", "3.3.5.5.3", Requirements = ["3.3.4.1.1#03", "3.3.4.1.1#05", "3.3.5.2.4#07", "3.3.5.2.4#13", "3.3.5.5.3#24"], Title = "3.0 signing (AES-CMAC with the channel signing key) end to end")]
    public static Task SigningEndToEndAt300(ScenarioContext context) => EndToEndAsync(context, SessionSteps.Only(context, Dialect.Smb300), "3.3.4.1.1#03", ChannelKeyVerifies);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", "3.3.5.2.4", "3.3.5.5.3", Requirements = ["3.3.4.1.1#03", "3.3.4.1.1#05", "3.3.5.2.4#07", "3.3.5.2.4#13", "3.3.5.5.3#24"], Title = "3.0.2 signing (AES-CMAC with the channel signing key) end to end")]
    public static Task SigningEndToEndAt302(ScenarioContext context) => EndToEndAsync(context, SessionSteps.Only(context, Dialect.Smb302), "3.3.4.1.1#03", ChannelKeyVerifies);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", "3.3.5.2.4", "3.3.5.5.3", Requirements = ["3.3.4.1.1#N01", "3.3.4.1.1#05", "3.3.5.2.4#07", "3.3.5.2.4#13", "3.3.5.2.4#N02", "3.3.5.5.3#24"], Title = "3.1.1 signing with AES-CMAC negotiated end to end")]
    public static Task SigningEndToEndAt311WithAesCmac(ScenarioContext context) => AlgorithmAsync(context, SigningAlgorithm.AesCmac);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", "3.3.5.2.4", "3.3.5.5.3", Requirements = ["3.3.4.1.1#N01", "3.3.4.1.1#05", "3.3.5.2.4#07", "3.3.5.2.4#13", "3.3.5.2.4#N02", "3.3.5.5.3#24"], Title = "3.1.1 signing with AES-GMAC negotiated end to end")]
    public static Task SigningEndToEndAt311WithAesGmac(ScenarioContext context) => AlgorithmAsync(context, SigningAlgorithm.AesGmac);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", "3.3.5.2.4", "3.3.5.5.3", Requirements = ["3.3.4.1.1#N01", "3.3.4.1.1#05", "3.3.5.2.4#07", "3.3.5.2.4#13", "3.3.5.2.4#N02", "3.3.5.5.3#24"], Title = "3.1.1 signing with HMAC-SHA256 negotiated end to end")]
    public static Task SigningEndToEndAt311WithHmacSha256(ScenarioContext context) => AlgorithmAsync(context, SigningAlgorithm.HmacSha256);

    /// <summary>2.x: the server verifies with Session.SessionKey (3.3.5.2.4) as 3.1.5.1 says.</summary>
    private const string SessionKeyVerifies = "3.3.5.2.4#07, 3.3.5.2.4#09, 3.3.5.2.4#13";

    /// <summary>3.0.x: with the Channel.SigningKey of this connection, which the final SESSION_SETUP leg created (3.3.5.5.3).</summary>
    private const string ChannelKeyVerifies = "3.3.5.2.4#07, 3.3.5.2.4#13, 3.3.5.5.3#24";

    private static Task AlgorithmAsync(ScenarioContext context, SigningAlgorithm algorithm)
    {
        context.RequireSigningAlgorithm(algorithm);
        // At 3.1.1 the server verifies requests with the negotiated algorithm (current 3.1.5.1).
        return EndToEndAsync(context, new NegotiateOptions { Dialects = [Dialect.Smb311], SigningAlgorithms = [algorithm] }, "3.3.4.1.1#N01",
            "3.3.5.2.4#07, 3.3.5.2.4#N02, 3.3.5.5.3#24", algorithm);
    }

    /// <summary>A session that requires signing (client SIGNING_REQUIRED): create, write, read, close; every request signed, every response signed and valid.</summary>
    private static async Task EndToEndAsync(ScenarioContext context, NegotiateOptions negotiate, string keyRequirement, string verified, SigningAlgorithm? algorithm = null)
    {
        var client = await SessionSteps.LogOnAsync(context, negotiate, new SessionSetupOptions { SecurityMode = SecurityMode.SigningEnabled | SecurityMode.SigningRequired });
        var connection = client.Connection;
        if (algorithm is { } expected)
        {
            context.CheckEqual("3.3.5.4", null, "the signing algorithm negotiated", expected, connection.SigningAlgorithm);
        }
        if (!client.Session.SigningRequired)
        {
            throw new ScenarioInconclusiveException($"the session has no signing key ({client.Session.SessionFlags})");
        }
        var created = await connection.CreateAsync(client.Tree, FileSteps.NewFile(context.ScratchPath("signing")), context.CancellationToken);
        var responses = new List<(string What, Smb2Response Response)> { ("CREATE", created.Response.Response) };
        context.CheckStatus("3.3.5.2.4", verified, "signed CREATE", NtStatus.Success, created.Status);
        var open = created.Open!;
        var data = new byte[1000];
        Random.Shared.NextBytes(data);
        var written = await connection.WriteAsync(open, 0, data, context.CancellationToken);
        responses.Add(("WRITE", written.Response));
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#13", "signed WRITE", NtStatus.Success, written.Status);
        var read = await connection.ReadAsync(open, 0, (uint)data.Length, context.CancellationToken);
        responses.Add(("READ", read.Response));
        context.CheckTrue("3.3.5.2.4", "3.3.5.2.4#13", "signed READ returns the data", read.Body?.Data.Span.SequenceEqual(data) == true, "the 1000 bytes written", NtStatus.Describe(read.Status));
        var closed = await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        responses.Add(("CLOSE", closed.Response));
        foreach (var (what, response) in responses)
        {
            context.CheckTrue("3.3.4.1.1", "3.3.4.1.1#05", $"{what} response on a session that requires signing", response.Header.IsSigned, "SMB2_FLAGS_SIGNED set", response.Header.Flags.ToString());
            context.CheckEqual("3.3.4.1.1", keyRequirement, $"{what} response signature ({connection.SigningAlgorithm})", SignatureVerdict.Valid, response.Signature);
        }
    }
}
