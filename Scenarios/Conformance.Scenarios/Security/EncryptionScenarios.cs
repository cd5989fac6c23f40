using Conformance.Adapters.Client;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>
/// Encryption: decrypting requests (3.3.5.2.1; the current MS-SMB2 3.3.5.2.1.1 turns its failures
/// into disconnects), encrypting responses (3.3.4.1.4), shares and sessions that require it.
/// </summary>
public static class EncryptionScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2", "3.3.5.2.11", Requirements = ["3.3.5.2#08", "3.3.5.2.11#03"], Title = "The encrypted share refuses an unencrypted CREATE with STATUS_ACCESS_DENIED")]
    public static async Task EncryptedShareRefusesPlainRequest(ScenarioContext context)
    {
        var share = context.Target.EncryptedShare ?? throw new ScenarioInconclusiveException("no encrypted share is configured (SMB_TARGET_ENCRYPTED_SHARE)");
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connected = await client.Connection.TreeConnectAsync(client.Session, share, cancellationToken: context.CancellationToken);
        if (connected.TreeConnect is not { } tree)
        {
            throw new ScenarioInconclusiveException($"TREE_CONNECT to the encrypted share {share} failed: {NtStatus.Describe(connected.Status)}");
        }
        context.CheckTrue("3.3.5.2.11", null, $"ShareFlags of {share}", tree.EncryptData, "SMB2_SHAREFLAG_ENCRYPT_DATA (the share requires encryption)", connected.Response.Body!.ShareFlags.ToString());
        var request = new Smb2Request(client.Connection.Build(FileSteps.NewFile(context.ScratchPath("plain")), client.Session, tree))
        {
            Session = client.Session,
            TreeConnect = tree,
            Encryption = RequestEncryption.DoNotEncrypt,
            Signing = RequestSigning.Sign,
        };
        var response = await client.Connection.SendOneAsync(request, context.CancellationToken);
        // 3.3.5.2: a request that did not come in a TRANSFORM_HEADER keeps Request.IsEncrypted FALSE, which 3.3.5.2.11 refuses here.
        context.CheckStatus("3.3.5.2.11", "3.3.5.2#08, 3.3.5.2.11#03", $"unencrypted CREATE on {share}", NtStatus.AccessDenied, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.4", "3.3.5.2", "3.3.5.2.1", "3.3.5.5.3", Requirements = ["3.3.4.1.4#01", "3.3.4.1.4#02", "3.3.5.2#09", "3.3.5.2.1#01", "3.3.5.2.1#07", "3.3.5.2.1#10", "3.3.5.5.3#N04"], Title = "3.1.1 AES-128-CCM end to end: encrypted requests served, responses encrypted")]
    public static Task CipherEndToEndAes128Ccm(ScenarioContext context) => CipherAsync(context, Cipher.Aes128Ccm);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.4", "3.3.5.2", "3.3.5.2.1", "3.3.5.5.3", Requirements = ["3.3.4.1.4#01", "3.3.4.1.4#02", "3.3.5.2#09", "3.3.5.2.1#01", "3.3.5.2.1#07", "3.3.5.2.1#10", "3.3.5.5.3#N04"], Title = "3.1.1 AES-128-GCM end to end: encrypted requests served, responses encrypted")]
    public static Task CipherEndToEndAes128Gcm(ScenarioContext context) => CipherAsync(context, Cipher.Aes128Gcm);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.4", "3.3.5.2", "3.3.5.2.1", "3.3.5.5.3", Requirements = ["3.3.4.1.4#01", "3.3.4.1.4#02", "3.3.5.2#09", "3.3.5.2.1#01", "3.3.5.2.1#07", "3.3.5.2.1#10", "3.3.5.5.3#N04", "3.3.5.5.3#N06"], Title = "3.1.1 AES-256-CCM end to end: encrypted requests served, responses encrypted")]
    public static Task CipherEndToEndAes256Ccm(ScenarioContext context) => CipherAsync(context, Cipher.Aes256Ccm);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.4", "3.3.5.2", "3.3.5.2.1", "3.3.5.5.3", Requirements = ["3.3.4.1.4#01", "3.3.4.1.4#02", "3.3.5.2#09", "3.3.5.2.1#01", "3.3.5.2.1#07", "3.3.5.2.1#10", "3.3.5.5.3#N04", "3.3.5.5.3#N06"], Title = "3.1.1 AES-256-GCM end to end: encrypted requests served, responses encrypted")]
    public static Task CipherEndToEndAes256Gcm(ScenarioContext context) => CipherAsync(context, Cipher.Aes256Gcm);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.4", "3.3.5.2", "3.3.5.2.1", "3.3.5.5.3", Requirements = ["3.3.4.1.4#01", "3.3.4.1.4#02", "3.3.5.2#09", "3.3.5.2.1#01", "3.3.5.2.1#07", "3.3.5.2.1#10", "3.3.5.5.3#40", "3.3.5.5.3#41", "3.3.5.5.3#42"], Title = "3.0 encryption (AES-128-CCM) end to end")]
    public static Task EncryptionEndToEndAt300(ScenarioContext context) => Smb3xAsync(context, Dialect.Smb300);

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.4", "3.3.5.2", "3.3.5.2.1", "3.3.5.5.3", Requirements = ["3.3.4.1.4#01", "3.3.4.1.4#02", "3.3.5.2#09", "3.3.5.2.1#01", "3.3.5.2.1#07", "3.3.5.2.1#10", "3.3.5.5.3#40", "3.3.5.5.3#41", "3.3.5.5.3#42"], Title = "3.0.2 encryption (AES-128-CCM) end to end")]
    public static Task EncryptionEndToEndAt302(ScenarioContext context) => Smb3xAsync(context, Dialect.Smb302);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#N03"], Title = "A TRANSFORM_HEADER naming a SessionId that is not the connection's: the server disconnects")]
    public static async Task TransformWithUnknownSessionDisconnects(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var unknown = client.Session.SessionId ^ 0x0000_7E57_0000_0000UL;
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, unknown, message, TransformHeader.Encrypted, (uint)message.Length);
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.1", "3.3.5.2.1#N03", $"an encrypted ECHO whose TRANSFORM_HEADER names SessionId 0x{unknown:X16}", connection, frame);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#08", "3.3.5.2.1#09"], Title = "A TRANSFORM_HEADER frame whose ciphertext was altered: the server disconnects")]
    public static async Task TamperedCiphertextDisconnects(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, client.Session.SessionId, message, TransformHeader.Encrypted, (uint)message.Length);
        frame[TransformHeader.Size + 10] ^= 0x01;
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.1", "3.3.5.2.1#08, 3.3.5.2.1#09", "an encrypted ECHO with one ciphertext bit flipped", connection, frame);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#07", "3.3.5.2.1#08", "3.3.5.2.1#09"],
        Title = "A TRANSFORM_HEADER whose Reserved field was changed after encryption (associated data, not ciphertext): the tag does not verify, the server disconnects")]
    public static async Task TamperedAssociatedDataDisconnects(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, client.Session.SessionId, message, TransformHeader.Encrypted, (uint)message.Length);
        // Reserved (2 bytes at offset 40) lies in the header from Nonce on, which 3.3.5.2.1 passes as the AEAD's associated data.
        frame[40] ^= 0x01;
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.1", "3.3.5.2.1#07, 3.3.5.2.1#08, 3.3.5.2.1#09",
            "an encrypted ECHO whose TRANSFORM_HEADER Reserved was changed after the tag was computed (the ciphertext intact)", connection, frame);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#05", "3.3.5.2.1#N03"],
        Title = "A TRANSFORM_HEADER naming another connection's session, encrypted with that session's key: the server disconnects (the session is looked up on this connection)")]
    public static async Task TransformNamingAnotherConnectionsSessionDisconnects(ScenarioContext context)
    {
        var owner = await SessionSteps.EncryptingClientAsync(context);
        var other = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [owner.Connection.Dialect!.Value] });
        if (other.Connection.TransformCipher != owner.Connection.TransformCipher)
        {
            throw new ScenarioInconclusiveException($"the second connection agreed cipher {other.Connection.TransformCipher}, the first {owner.Connection.TransformCipher}");
        }
        var message = RequestSteps.EncodeWithNextMessageId(other.Connection, other.Connection.Build(new EchoRequest(), owner.Session));
        var frame = RequestSteps.Transform(owner.Connection.TransformCipher!.Value, owner.Session.EncryptionKey!, owner.Session.SessionId, message, TransformHeader.Encrypted, (uint)message.Length);
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.1", "3.3.5.2.1#05, 3.3.5.2.1#N03",
            $"on a second connection, an ECHO encrypted for session 0x{owner.Session.SessionId:X16} of the first (not in this Connection.SessionTable)", other.Connection, frame);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#N02"], Title = "A TRANSFORM_HEADER with Flags 0 (authenticated): the server disconnects")]
    public static async Task TransformFlagsOtherThanEncryptedDisconnects(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, client.Session.SessionId, message, 0, (uint)message.Length);
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.1", "3.3.5.2.1#N02", "an encrypted ECHO whose TRANSFORM_HEADER Flags is 0", connection, frame);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#03"], Title = "A TRANSFORM_HEADER whose OriginalMessageSize (40) is below an SMB2 header: refused (a disconnect, as nothing can be answered)")]
    public static async Task OriginalMessageSizeBelowHeaderIsRefused(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session))[..40];
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, client.Session.SessionId, message, TransformHeader.Encrypted, 40);
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.1", "3.3.5.2.1#03", "an encrypted 40-byte message (OriginalMessageSize 40)", connection, frame);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#N01"], Title = "A frame of only a TRANSFORM_HEADER (52 bytes, nothing encrypted): the server disconnects")]
    public static async Task BareTransformHeaderDisconnects(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, client.Session.SessionId, message, TransformHeader.Encrypted, (uint)message.Length);
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.1", "3.3.5.2.1#N01", "a 52-byte frame holding only a TRANSFORM_HEADER", connection, frame[..TransformHeader.Size]);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2", "3.3.5.2.9", Requirements = ["3.3.5.2#08", "3.3.5.2.9#08", "3.3.5.2.9#09"], Profile = ServerProfile.EncryptsEverySession,
        Title = "A session the server flagged ENCRYPT_DATA refuses an unencrypted request with STATUS_ACCESS_DENIED")]
    public static async Task EncryptingSessionRefusesPlainRequest(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        context.Observe($"SessionFlags at {client.Connection.Dialect?.ToDisplayString()}: {client.Session.SessionFlags}");
        if (!client.Session.EncryptData)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} does not require encryption globally (SessionFlags {client.Session.SessionFlags})");
        }
        var response = await client.Connection.SendOneAsync(RequestSteps.Request(client, FileSteps.NewFile(context.ScratchPath("plain")), RequestSigning.Sign, RequestEncryption.DoNotEncrypt), context.CancellationToken);
        // The request's record (found by its MessageId) says it did not come encrypted.
        context.CheckStatus("3.3.5.2.9", "3.3.5.2#08, 3.3.5.2.9#08, 3.3.5.2.9#09", "unencrypted CREATE on a session that must encrypt", NtStatus.AccessDenied, response.Status);
    }

    private static async Task CipherAsync(ScenarioContext context, Cipher cipher)
    {
        context.RequireCipher(cipher);
        // 3.1.1 keys: labels "SMBS2CCipherKey"/"SMBC2SCipherKey" with the preauth hash; AES-256 keys from the full session key.
        await EndToEndAsync(context, new NegotiateOptions { Dialects = [Dialect.Smb311], Ciphers = [cipher] }, cipher,
            serverDecryption: cipher.IsAes256() ? ["3.3.5.5.3#N04", "3.3.5.5.3#N06"] : ["3.3.5.5.3#N04"],
            serverEncryption: cipher.IsAes256() ? ["3.3.5.5.3#N04", "3.3.5.5.3#N06"] : ["3.3.5.5.3#N04"]);
    }

    private static async Task Smb3xAsync(ScenarioContext context, Dialect dialect)
    {
        context.RequireCapability(dialect, GlobalCapabilities.Encryption);
        // 3.0.x keys: "ServerIn " decrypts what we encrypt with our EncryptionKey, "ServerOut" encrypts what we decrypt.
        await EndToEndAsync(context, new NegotiateOptions { Dialects = [dialect] }, Cipher.Aes128Ccm,
            serverDecryption: ["3.3.5.5.3#40", "3.3.5.5.3#42"], serverEncryption: ["3.3.5.5.3#40", "3.3.5.5.3#41"]);
    }

    /// <summary>On the plain share, every request after the logon encrypted: create, write, read, close; each response must come encrypted.</summary>
    private static async Task EndToEndAsync(ScenarioContext context, NegotiateOptions negotiate, Cipher cipher, string[] serverDecryption, string[] serverEncryption)
    {
        var client = await SessionSteps.LogOnAsync(context, negotiate);
        var connection = client.Connection;
        context.CheckEqual("3.3.5.4", null, "the cipher of the connection", (Cipher?)cipher, connection.TransformCipher);
        if (client.Session.EncryptionKey is not { Length: > 0 })
        {
            throw new ScenarioInconclusiveException($"the session has no EncryptionKey ({client.Session.SessionFlags})");
        }
        // From here on the client wraps every request in a TRANSFORM_HEADER (3.2.4.1.8).
        client.Session.EncryptData = true;
        var created = await connection.CreateAsync(client.Tree, FileSteps.NewFile(context.ScratchPath("encrypted")), context.CancellationToken);
        // 3.3.5.2.1: decrypted with Session.DecryptionKey, the cipher and the TRANSFORM_HEADER as associated data.
        context.CheckStatus("3.3.5.2.1", "3.3.5.2.1#01, 3.3.5.2.1#07", "encrypted CREATE", NtStatus.Success, created.Status);
        foreach (var requirement in serverDecryption)
        {
            context.CheckStatus("3.3.5.5.3", requirement, "encrypted CREATE, decrypted by the server with the DecryptionKey it derived (3.3.5.5.3)", NtStatus.Success, created.Status);
        }
        var open = created.Open!;
        var data = new byte[3000];
        Random.Shared.NextBytes(data);
        var written = await connection.WriteAsync(open, 0, data, context.CancellationToken);
        context.CheckStatus("3.3.5.2.1", "3.3.5.2.1#10", "encrypted WRITE", NtStatus.Success, written.Status);
        var read = await connection.ReadAsync(open, 0, (uint)data.Length, context.CancellationToken);
        context.CheckTrue("3.3.5.2.1", "3.3.5.2.1#10", "encrypted READ returns the data", read.Body?.Data.Span.SequenceEqual(data) == true, "the 3000 bytes written", NtStatus.Describe(read.Status));
        var closed = await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        foreach (var (what, response) in new[] { ("CREATE", created.Response.Response), ("WRITE", written.Response), ("READ", read.Response), ("CLOSE", closed.Response) })
        {
            // On the plain share, by a session the server does not encrypt: only Request.IsEncrypted (3.3.5.2) asks for an encrypted response.
            context.CheckTrue("3.3.4.1.4", "3.3.4.1.4#01, 3.3.5.2#09", $"{what} response to an encrypted request", response.WasEncrypted, $"inside a TRANSFORM_HEADER that decrypts with {cipher}", "sent in clear");
        }
        context.CheckTrue("3.3.4.1.4", "3.3.4.1.4#02", "frames the client could not decrypt", connection.ReceiveFaults.Count == 0, "none", string.Join("; ", connection.ReceiveFaults));
        foreach (var requirement in serverEncryption)
        {
            context.CheckTrue("3.3.5.5.3", requirement, "the CREATE response, encrypted with the server's EncryptionKey (3.3.5.5.3)",
                created.Response.Response.WasEncrypted && connection.ReceiveFaults.Count == 0, "decrypted with the DecryptionKey we derived", "not decryptable, or sent in clear");
        }
    }
}
