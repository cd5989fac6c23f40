using Conformance.Adapters.Client;
using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using static Conformance.Adapters.Tests.Client.ScriptedServer;
using ContextSigning = Conformance.Adapters.Wire.NegotiateContexts.SigningAlgorithm;

namespace Conformance.Adapters.Tests.Client;

/// <summary>NEGOTIATE and SESSION_SETUP against a scripted server that answers with Samba's real responses from the captures.</summary>
public class CaptureReplayTests
{
    /// <summary>Answers each request with the next captured server message, its MessageId set to the request's.</summary>
    private static ScriptedServer Replaying(Capture capture, int responses) => Start(async (peer, token) =>
    {
        foreach (var captured in capture.Frames.Where(frame => !frame.FromClient).Take(responses))
        {
            var request = (await ReceiveRequestsAsync(peer, token))[0].Header;
            var answer = (byte[])captured.Bytes.Clone();
            answer.AsSpan().U64(24, request.MessageId);
            await peer.SendAsync(answer, token);
        }
        await Task.Delay(Timeout.Infinite, token);
    });

    [TestCase("smbclient-SMB3", Dialect.Smb311)]
    [TestCase("smbclient-SMB2_10", Dialect.Smb210)]
    public async Task NegotiateTakesTheConnectionStateFromTheResponse(string name, Dialect offeredMax)
    {
        var capture = Capture.Load(name);
        var captured = NegotiateResponse.Read(capture.Frames[1].Bytes).Unwrap();
        await using var server = Replaying(capture, 1);
        await using var connection = await server.ConnectAsync();

        var response = await connection.NegotiateAsync(new NegotiateOptions { MaxDialect = offeredMax });

        Assert.That(response.IsSuccess, Is.True);
        Assert.That(connection.Dialect, Is.EqualTo(captured.DialectRevision));
        Assert.That(connection.ServerGuid, Is.EqualTo(captured.ServerGuid));
        Assert.That((connection.MaxTransactSize, connection.MaxReadSize, connection.MaxWriteSize), Is.EqualTo((captured.MaxTransactSize, captured.MaxReadSize, captured.MaxWriteSize)));
        Assert.That(connection.ServerCapabilities, Is.EqualTo(captured.Capabilities));
        Assert.That(connection.SupportsMultiCredit, Is.EqualTo((captured.Capabilities & GlobalCapabilities.LargeMtu) != 0));
        Assert.That(connection.RequireSigning, Is.EqualTo((captured.SecurityMode & SecurityMode.SigningRequired) != 0));
        Assert.That(connection.GSSNegotiateToken, Is.EqualTo(captured.SecurityBuffer.ToArray()));
        var sent = connection.Recorder.Frames.First(frame => frame.Direction == FrameDirection.Sent);
        var request = NegotiateRequest.Read(sent.Bytes).Unwrap();
        Assert.That(request.Dialects, Is.EqualTo(NegotiateOptions.AllDialects.Where(dialect => dialect <= offeredMax)));
        if (captured.DialectRevision == Dialect.Smb311)
        {
            Assert.That(request.NegotiateContexts.OfType<EncryptionCapabilities>().Single().Ciphers,
                Is.EqualTo(new[] { Cipher.Aes128Gcm, Cipher.Aes128Ccm, Cipher.Aes256Gcm, Cipher.Aes256Ccm }));
            Assert.That(request.NegotiateContexts.OfType<SigningCapabilities>().Single().SigningAlgorithms,
                Is.EqualTo(new[] { ContextSigning.AesGmac, ContextSigning.AesCmac, ContextSigning.HmacSha256 }));
            Assert.That((ushort?)connection.CipherId, Is.EqualTo((ushort)captured.NegotiateContexts.OfType<EncryptionCapabilities>().Single().Ciphers[0]));
            // The hash covers exactly the bytes that crossed the wire: the recorded request, then the response.
            var received = connection.Recorder.Frames.First(frame => frame.Direction == FrameDirection.Received);
            Assert.That(connection.PreauthIntegrityHashValue, Is.EqualTo(PreauthIntegrityHash.Initial.Update(sent.Bytes.Span).Update(received.Bytes.Span)));
        }
        else
        {
            Assert.That(request.NegotiateContexts, Is.Empty);
            Assert.That(connection.PreauthIntegrityHashValue, Is.Null);
        }
    }

    [TestCase("smbclient-SMB3")]
    [TestCase("smbclient-SMB2_10")]
    public async Task SessionSetupRunsBothLegsAndDerivesTheSessionKeys(string name)
    {
        var capture = Capture.Load(name);
        var final = capture.Frames[5];
        await using var server = Replaying(capture, 3);
        await using var connection = await server.ConnectAsync();
        await connection.NegotiateAsync();

        var result = await connection.SessionSetupAsync(new NtlmCredential(Capture.Domain, Capture.User, Capture.Password));

        Assert.That(result.Legs.Select(leg => leg.Status), Is.EqualTo(new[] { NtStatus.MoreProcessingRequired, NtStatus.Success }));
        var session = result.RequireSession();
        Assert.That(session.SessionId, Is.EqualTo(Smb2Header.Read(final.Bytes).Unwrap().SessionId));
        Assert.That(connection.SessionTable[session.SessionId], Is.SameAs(session));
        Assert.That(result.CryptographicKey, Has.Length.EqualTo(16));
        Assert.That(session.SessionKey, Is.EqualTo(result.CryptographicKey));
        Assert.That(session.ChannelList, Has.Count.EqualTo(connection.Dialect!.Value.IsSmb3() ? 1 : 0));
        // The second request carries an NTLM AUTHENTICATE_MESSAGE (type 3) inside a SPNEGO negTokenResp.
        var sent = connection.Recorder.Frames.Where(frame => frame.Direction == FrameDirection.Sent).ToArray();
        var second = SessionSetupRequest.Read(sent[2].Bytes).Unwrap();
        Assert.That(Convert.ToHexString(second.SecurityBuffer.Span), Does.Contain("4E544C4D53535000" + "03000000"));
        // Samba signed the captured final response with the capture's keys, not with ours (a new
        // client challenge and session key): the verdict says so.
        Assert.That(Smb2Header.Read(final.Bytes).Unwrap().IsSigned, Is.True);
        Assert.That(result.Response.Signature, Is.EqualTo(SignatureVerdict.Invalid));
    }
}
