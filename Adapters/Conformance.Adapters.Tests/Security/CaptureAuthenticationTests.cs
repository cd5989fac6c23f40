using System.Security.Cryptography;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Security;

/// <summary>
/// The NTLMSSP-in-SPNEGO authentication of each real capture (smbclient to Samba, tester /
/// Passw0rd! / WORKGROUP, flags 0x62088215 with KEY_EXCH), recomputed from the password.
/// </summary>
[TestFixtureSource(typeof(Capture), nameof(Capture.Names))]
public class CaptureAuthenticationTests(string captureName)
{
    private const string WrongPassword = "Passw0rd?";
    private CaptureAuthentication authentication = null!;

    [OneTimeSetUp]
    public void Load() => authentication = CaptureAuthentication.Load(captureName);

    [Test]
    public void SpnegoTokensDecodeAsSambaSentThem()
    {
        Assert.Multiple(() =>
        {
            Assert.That(authentication.ServerNegTokenInit.MechTypes, Is.EqualTo(new[] { SpnegoOids.Ntlmssp }));
            Assert.That(authentication.ServerNegTokenInit.NegHints?.HintName, Is.EqualTo(NegHints.PleaseIgnore));
            Assert.That(authentication.ClientNegTokenInit.MechTypes, Is.EqualTo(new[] { SpnegoOids.Ntlmssp }));
            Assert.That(authentication.ChallengeToken.NegState, Is.EqualTo(NegState.AcceptIncomplete));
            Assert.That(authentication.ChallengeToken.SupportedMech, Is.EqualTo(SpnegoOids.Ntlmssp));
            Assert.That(authentication.AuthenticateToken.NegState, Is.Null);
            Assert.That(authentication.AuthenticateToken.MechListMic, Is.Not.Null);
            Assert.That(authentication.FinalToken.NegState, Is.EqualTo(NegState.AcceptCompleted));
            Assert.That(authentication.FinalToken.MechListMic, Is.Not.Null);
            Assert.That(authentication.FinalResponseStatus, Is.EqualTo(NtStatus.Success));
        });
    }

    [Test]
    public void SpnegoTokensReEncodeByteExact()
    {
        var tokens = Tokens().ToList();
        Assert.That(tokens, Has.Count.EqualTo(5));
        Assert.Multiple(() =>
        {
            foreach (var (token, original) in tokens)
            {
                Assert.That(token.ToArray(), Is.EqualTo(original.ToArray()), token.ToString());
            }
        });
    }

    [Test]
    public void NtlmMessagesDecodeAndReEncodeByteExact()
    {
        var negotiate = NegotiateMessage.Read(authentication.Negotiate).Unwrap();
        var challenge = ChallengeMessage.Read(authentication.Challenge).Unwrap();
        var authenticate = AuthenticateMessage.Read(authentication.Authenticate).Unwrap();
        Assert.Multiple(() =>
        {
            // 0x62088215, plus NEGOTIATE_SEAL in the encrypted session.
            Assert.That((uint)negotiate.NegotiateFlags & ~(uint)NegotiateFlags.NegotiateSeal, Is.EqualTo(0x62088215));
            Assert.That(authenticate.NegotiateFlags, Is.EqualTo(negotiate.NegotiateFlags & challenge.NegotiateFlags));
            Assert.That(challenge.TargetInfo!.Timestamp, Is.Not.Null);
            Assert.That(challenge.TargetInfo.FindString(AvId.MsvAvNbDomainName), Is.Not.Empty);
            Assert.That(authenticate.UserName, Is.EqualTo(Capture.User));
            Assert.That(authenticate.DomainName, Is.EqualTo(Capture.Domain));
            Assert.That(authenticate.Workstation, Is.EqualTo(Capture.Workstation));
            Assert.That(authenticate.Mic, Is.Not.Null);
            Assert.That(negotiate.ToArray(), Is.EqualTo(authentication.Negotiate.ToArray()));
            Assert.That(challenge.ToArray(), Is.EqualTo(authentication.Challenge.ToArray()));
            Assert.That(authenticate.ToArray(), Is.EqualTo(authentication.Authenticate.ToArray()));
        });
    }

    [Test]
    public void NtProofStrRecomputesFromThePasswordAndNotFromAWrongOne()
    {
        var challenge = ChallengeMessage.Read(authentication.Challenge).Unwrap();
        var authenticate = AuthenticateMessage.Read(authentication.Authenticate).Unwrap();
        var response = authenticate.NtChallengeResponse.ToArray();
        byte[] ProofFor(string password) =>
            NtlmV2.ComputeNtProofStr(NtlmV2.Ntowfv2(password, Capture.User, Capture.Domain), challenge.ServerChallenge, response.AsSpan(16));
        Assert.That(ProofFor(Capture.Password), Is.EqualTo(response[..16]));
        Assert.That(ProofFor(WrongPassword), Is.Not.EqualTo(response[..16]));
    }

    [Test]
    public void ClientChallengeCarriesTheServerTimestampAndAnnouncesTheMic()
    {
        var challenge = ChallengeMessage.Read(authentication.Challenge).Unwrap();
        var authenticate = AuthenticateMessage.Read(authentication.Authenticate).Unwrap();
        var temp = NtlmV2ClientChallenge.Read(authenticate.NtChallengeResponse[16..]).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(temp.TimeStamp, Is.EqualTo(challenge.TargetInfo!.Timestamp));
            Assert.That(temp.AvPairs.Flags, Is.EqualTo(AvFlags.MicPresent));
            Assert.That(temp.AvPairs.Find(AvId.MsvAvChannelBindings)?.Value.ToArray(), Is.EqualTo(new byte[16]));
            Assert.That(temp.AvPairs.FindString(AvId.MsvAvTargetName), Does.StartWith("cifs/"));
            Assert.That(temp.ToArray(), Is.EqualTo(authenticate.NtChallengeResponse[16..].ToArray()));
        });
    }

    [Test]
    public void MicVerifiesWithTheRecoveredSessionKeyAndNotWithAWrongPassword()
    {
        var micInMessage = AuthenticateMessage.Read(authentication.Authenticate).Unwrap().Mic;
        byte[] MicFor(string password) => NtlmKeys.ComputeMic(RecoverExportedSessionKey(password),
            authentication.Negotiate.Span, authentication.Challenge.Span, authentication.Authenticate.Span);
        Assert.That(MicFor(Capture.Password), Is.EqualTo(micInMessage));
        Assert.That(MicFor(WrongPassword), Is.Not.EqualTo(micInMessage));
    }

    [Test]
    public void MechListMicsOfBothSidesVerify()
    {
        var key = RecoverExportedSessionKey(Capture.Password);
        var wrongKey = RecoverExportedSessionKey(WrongPassword);
        var flags = AuthenticateMessage.Read(authentication.Authenticate).Unwrap().NegotiateFlags;
        var mechTypeList = authentication.ClientNegTokenInit.MechTypeList;
        var clientMic = authentication.AuthenticateToken.MechListMic!.Value.ToArray();
        var serverMic = authentication.FinalToken.MechListMic!.Value.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(mechTypeList, Is.EqualTo(NegTokenInit.EncodeMechTypeList([SpnegoOids.Ntlmssp])));
            Assert.That(SpnegoMechListMic.Verify(key, flags, fromClient: true, mechTypeList, clientMic), Is.True);
            Assert.That(SpnegoMechListMic.Verify(key, flags, fromClient: false, mechTypeList, serverMic), Is.True);
            Assert.That(SpnegoMechListMic.Verify(wrongKey, flags, fromClient: true, mechTypeList, clientMic), Is.False);
            Assert.That(SpnegoMechListMic.Verify(key, flags, fromClient: false, mechTypeList, clientMic), Is.False);
        });
    }

    [Test]
    public void ServerVerifierAcceptsTheRecordedAuthenticate()
    {
        var server = new NtlmServer([new NtlmCredential(Capture.Domain, Capture.User, Capture.Password)]);
        var result = server.Verify(authentication.Negotiate, authentication.Challenge, authentication.Authenticate);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(NtStatus.Success), result.ToString());
            Assert.That(result.Kind, Is.EqualTo(NtlmLogonKind.User));
            Assert.That(result.MicVerified, Is.True);
            Assert.That(result.ExportedSessionKey, Is.EqualTo(RecoverExportedSessionKey(Capture.Password)));
            Assert.That(CaptureAuthentication.ExportedSessionKey(captureName), Is.EqualTo(result.ExportedSessionKey));
        });
    }

    [Test]
    public void ServerVerifierRejectsAWrongPassword()
    {
        var server = new NtlmServer([new NtlmCredential(Capture.Domain, Capture.User, WrongPassword)]);
        var result = server.Verify(authentication.Negotiate, authentication.Challenge, authentication.Authenticate);
        Assert.That(result.Status, Is.EqualTo(NtStatus.LogonFailure));
        Assert.That(result.Reason, Does.Contain("NTProofStr"));
        Assert.That(result.ExportedSessionKey, Is.Null);
    }

    [Test]
    public void ServerVerifierRejectsATamperedMic()
    {
        var tampered = authentication.Authenticate.ToArray();
        tampered[AuthenticateMessage.MicOffset] ^= 1;
        var result = new NtlmServer([new NtlmCredential(null, Capture.User, Capture.Password)])
            .Verify(authentication.Negotiate, authentication.Challenge, tampered);
        Assert.That(result.Status, Is.EqualTo(NtStatus.LogonFailure));
        Assert.That(result.Reason, Does.Contain("MIC"));
    }

    // The MIC covers the NEGOTIATE and CHALLENGE too: a changed byte in either must fail verification.
    [Test]
    public void ServerVerifierRejectsAChangedNegotiate()
    {
        var negotiate = authentication.Negotiate.ToArray();
        negotiate[^1] ^= 1;
        var result = new NtlmServer([new NtlmCredential(null, Capture.User, Capture.Password)])
            .Verify(negotiate, authentication.Challenge, authentication.Authenticate);
        Assert.That(result.Status, Is.EqualTo(NtStatus.LogonFailure));
    }

    private byte[] RecoverExportedSessionKey(string password)
    {
        var challenge = ChallengeMessage.Read(authentication.Challenge).Unwrap();
        var authenticate = AuthenticateMessage.Read(authentication.Authenticate).Unwrap();
        var responseKey = NtlmV2.Ntowfv2(password, authenticate.UserName, authenticate.DomainName);
        var ntProofStr = NtlmV2.ComputeNtProofStr(responseKey, challenge.ServerChallenge, authenticate.NtChallengeResponse.Span[16..]);
        var sessionBaseKey = NtlmV2.ComputeSessionBaseKey(responseKey, ntProofStr);
        return NtlmKeys.Rc4K(sessionBaseKey, authenticate.EncryptedRandomSessionKey.Span);
    }

    private IEnumerable<(SpnegoToken Token, ReadOnlyMemory<byte> Original)> Tokens()
    {
        // Decode once more from the original bytes, paired with them.
        foreach (var original in OriginalTokens())
        {
            yield return (SpnegoToken.Read(original).Unwrap(), original);
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> OriginalTokens()
    {
        var capture = authentication.Capture;
        foreach (var frame in capture.Frames.Where(frame => frame.Bytes.Length > Smb2Header.Size && (frame.Bytes[12] | frame.Bytes[13] << 8) <= 1))
        {
            var command = frame.Bytes[12];
            var fieldOffset = (command, frame.FromClient) switch
            {
                (0, false) => 56,
                (1, true) => 12,
                (1, false) => 4,
                _ => -1,
            };
            if (fieldOffset < 0)
            {
                continue;
            }
            var body = Smb2Header.Size + fieldOffset;
            var offset = frame.Bytes[body] | frame.Bytes[body + 1] << 8;
            var length = frame.Bytes[body + 2] | frame.Bytes[body + 3] << 8;
            yield return frame.Bytes.AsMemory(offset, length);
        }
    }
}
