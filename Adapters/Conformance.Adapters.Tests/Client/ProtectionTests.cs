using Conformance.Adapters.Client;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

/// <summary>Signing and encryption with real keys of a 3.x session, the fake server using the security layer as a server would.</summary>
public class ProtectionTests
{
    private static readonly byte[] CryptographicKey = Convert.FromHexString("0123456789ABCDEF0F1E2D3C4B5A6978");
    private const ulong SessionId = 0x0000_1000_0000_0041;

    private static Session Establish(Connection connection, Dialect dialect, SessionKeys keys, bool encrypt)
    {
        connection.Dialect = dialect;
        var session = new Session(connection, SessionId) { SigningRequired = true, EncryptData = encrypt };
        session.SetKeys(keys);
        session.AddChannel(connection, keys.SigningKey);
        connection.SessionTable[SessionId] = session;
        return session;
    }

    private static Smb2Request EchoIn(ulong sessionId, RequestSigning signing = RequestSigning.Auto)
    {
        var message = Smb2Message.For(new EchoRequest());
        message.Header.SessionId = sessionId;
        return new Smb2Request(message) { Signing = signing };
    }

    [Test]
    public async Task AesCmacSignaturesOfSmb302AreMadeAndCheckedWithTheChannelKey()
    {
        var server = SessionKeys.Derive(Dialect.Smb302, Smb2Role.Server, CryptographicKey);
        var requestsValid = new List<bool>();
        await using var peer = Start(async (transport, token) =>
        {
            for (var i = 0; i < 2; i++)
            {
                var slice = (await ReceiveRequestsAsync(transport, token))[0];
                requestsValid.Add(slice.Header.IsSigned && MessageSigner.Verify(SigningAlgorithm.AesCmac, server.SigningKey, slice.Bytes.Span));
                var response = EchoResponse(slice.Header, credits: 1);
                response.Header.Flags |= Smb2HeaderFlags.Signed;
                var bytes = response.Encode();
                MessageSigner.Sign(SigningAlgorithm.AesCmac, server.SigningKey, bytes);
                if (i == 1)
                {
                    bytes[^2] ^= 0x80;
                }
                await transport.SendAsync(bytes, token);
            }
        });
        await using var connection = await peer.ConnectAsync();
        Establish(connection, Dialect.Smb302, SessionKeys.Derive(Dialect.Smb302, Smb2Role.Client, CryptographicKey), encrypt: false);

        var first = (await connection.SendAsync(EchoIn(SessionId)))[0];
        var second = (await connection.SendAsync(EchoIn(SessionId, RequestSigning.FalsifySignature)))[0];

        Assert.That(requestsValid, Is.EqualTo(new[] { true, false }));
        Assert.That(first.Signature, Is.EqualTo(SignatureVerdict.Valid));
        Assert.That(second.Signature, Is.EqualTo(SignatureVerdict.Invalid));
    }

    [Test]
    public async Task AnEncryptedSessionSendsTransformedMessagesAndReadsTransformedResponses()
    {
        var server = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Server, CryptographicKey, new byte[64], Cipher.Aes128Gcm);
        var seen = new List<(bool Transformed, bool Signed)>();
        await using var peer = Start(async (transport, token) =>
        {
            for (var i = 0; i < 2; i++)
            {
                var frame = await transport.ReceiveAsync(TimeSpan.FromSeconds(5), token);
                var transformed = frame.Span.U32(0) == TransformHeader.TransformProtocolId;
                var plain = transformed ? MessageEncryption.Decrypt(Cipher.Aes128Gcm, server.DecryptionKey, frame.Span).Unwrap().Message : frame.ToArray();
                var request = Smb2Header.Read(plain).Unwrap();
                seen.Add((transformed, request.IsSigned));
                var response = EchoResponse(request, credits: 1).Encode();
                await transport.SendAsync(transformed ? MessageEncryption.Encrypt(Cipher.Aes128Gcm, server.EncryptionKey, SessionId, response) : response, token);
            }
        });
        await using var connection = await peer.ConnectAsync();
        connection.CipherId = Cipher.Aes128Gcm;
        Establish(connection, Dialect.Smb311, SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, CryptographicKey, new byte[64], Cipher.Aes128Gcm), encrypt: true);

        var encrypted = (await connection.SendAsync(EchoIn(SessionId)))[0];
        var clear = (await connection.SendAsync(new Smb2Request(EchoIn(SessionId).Message) { Encryption = RequestEncryption.DoNotEncrypt }))[0];

        // Encrypted: not signed (the transform authenticates it). In clear on a signing-required session: signed.
        Assert.That(seen, Is.EqualTo(new[] { (true, false), (false, true) }));
        Assert.That(encrypted.WasEncrypted, Is.True);
        Assert.That(encrypted.Signature, Is.EqualTo(SignatureVerdict.NotApplicable));
        Assert.That(clear.WasEncrypted, Is.False);
        Assert.That(clear.Signature, Is.EqualTo(SignatureVerdict.MissingButRequired));
        Assert.That(connection.ReceiveFaults, Is.Empty);
    }
}
