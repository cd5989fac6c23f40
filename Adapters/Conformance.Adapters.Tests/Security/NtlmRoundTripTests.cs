using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Security;

/// <summary>Our NtlmClient against our NtlmServer.</summary>
public class NtlmRoundTripTests
{
    private static readonly NtlmCredential[] Users = [new("WORKGROUP", "tester", "Passw0rd!"), new(null, "roamer", "Roam1ng!")];

    private static (NtlmClient Client, NtlmAuthenticationResult Result) Run(NtlmCredential credential, NtlmServer? server = null)
    {
        server ??= new NtlmServer(Users);
        var client = new NtlmClient(credential) { Workstation = "CLIENT", TargetName = "cifs/server", ChannelBindings = new byte[16] };
        var challenge = server.CreateChallenge(client.CreateNegotiate()).Unwrap();
        var authenticate = client.CreateAuthenticate(challenge).Unwrap();
        return (client, server.Authenticate(authenticate));
    }

    [Test]
    public void GoodPasswordSucceedsWithEqualSessionKeysAndAVerifiedMic()
    {
        var (client, result) = Run(new NtlmCredential("WORKGROUP", "tester", "Passw0rd!"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(NtStatus.Success), result.ToString());
            Assert.That(result.Kind, Is.EqualTo(NtlmLogonKind.User));
            Assert.That(client.MicSent, Is.True);
            Assert.That(result.MicVerified, Is.True);
            Assert.That(client.ExportedSessionKey, Has.Length.EqualTo(16));
            Assert.That(result.ExportedSessionKey, Is.EqualTo(client.ExportedSessionKey));
            // KEY_EXCH: the exported key is the client's random key, not the session base key.
            Assert.That(result.ExportedSessionKey, Is.Not.EqualTo(result.SessionBaseKey));
        });
    }

    [Test]
    public void UserNameMatchesCaseInsensitivelyAndANullDomainMatchesAnyDomain()
    {
        var (client, result) = Run(new NtlmCredential("ELSEWHERE", "ROAMER", "Roam1ng!"));
        Assert.That(result.Status, Is.EqualTo(NtStatus.Success), result.ToString());
        Assert.That(result.ExportedSessionKey, Is.EqualTo(client.ExportedSessionKey));
    }

    [Test]
    public void BadPasswordGivesLogonFailure()
    {
        var (_, result) = Run(new NtlmCredential("WORKGROUP", "tester", "wrong"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(NtStatus.LogonFailure));
            Assert.That(result.Kind, Is.EqualTo(NtlmLogonKind.None));
            Assert.That(result.Reason, Does.Contain("NTProofStr"));
            Assert.That(result.ExportedSessionKey, Is.Null);
        });
    }

    [Test]
    public void WrongDomainForADomainBoundUserGivesLogonFailure()
    {
        var (_, result) = Run(new NtlmCredential("OTHER", "tester", "Passw0rd!"));
        Assert.That(result.Status, Is.EqualTo(NtStatus.LogonFailure));
    }

    [Test]
    public void UnknownUserIsGuestOnlyWhenConfigured()
    {
        var stranger = new NtlmCredential("WORKGROUP", "stranger", "x");
        var (_, refused) = Run(stranger);
        var (_, guest) = Run(stranger, new NtlmServer(Users) { AllowGuest = true });
        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(NtStatus.LogonFailure));
            Assert.That(guest.Status, Is.EqualTo(NtStatus.Success));
            Assert.That(guest.Kind, Is.EqualTo(NtlmLogonKind.Guest));
            Assert.That(guest.ExportedSessionKey, Is.Null);
        });
    }

    [Test]
    public void AnonymousIsRecognisedAndCanBeRefused()
    {
        var (client, anonymous) = Run(NtlmCredential.Anonymous);
        var (_, refused) = Run(NtlmCredential.Anonymous, new NtlmServer(Users) { AllowAnonymous = false });
        Assert.Multiple(() =>
        {
            Assert.That(anonymous.Status, Is.EqualTo(NtStatus.Success));
            Assert.That(anonymous.Kind, Is.EqualTo(NtlmLogonKind.Anonymous));
            Assert.That(refused.Status, Is.EqualTo(NtStatus.LogonFailure));
        });
    }

    [Test]
    public void AnonymousAuthenticateCarriesEmptyResponsesAndAKeyExchangeKeyEncryptedWithZeros()
    {
        // MS-NLMP 3.1.5.1.2 / 3.3.2: anonymous sends UserName "", NtChallengeResponse Nil,
        // LmChallengeResponse Z(1); KEY_EXCH negotiated, EncryptedRandomSessionKey is
        // RC4K(KeyExchangeKey, ExportedSessionKey) with KeyExchangeKey = SessionBaseKey = Z(16).
        var random = new FixedRandomSource(Convert.FromHexString("000102030405060708090a0b0c0d0e0f"));
        var client = new NtlmClient(NtlmCredential.Anonymous, random);
        var challenge = new NtlmServer(Users).CreateChallenge(client.CreateNegotiate()).Unwrap();
        var message = AuthenticateMessage.Read(client.CreateAuthenticate(challenge).Unwrap()).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(message.UserName, Is.Empty);
            Assert.That(message.NtChallengeResponse.ToArray(), Is.Empty);
            Assert.That(message.LmChallengeResponse.ToArray(), Is.EqualTo(new byte[1]));
            Assert.That(message.NegotiateFlags & NegotiateFlags.Anonymous, Is.EqualTo(NegotiateFlags.Anonymous));
            Assert.That(message.NegotiateFlags & NegotiateFlags.NegotiateKeyExchange, Is.EqualTo(NegotiateFlags.NegotiateKeyExchange));
            Assert.That(message.EncryptedRandomSessionKey.ToArray(), Has.Length.EqualTo(16));
            Assert.That(client.ExportedSessionKey, Is.EqualTo(Convert.FromHexString("000102030405060708090a0b0c0d0e0f")));
            Assert.That(NtlmKeys.Rc4K(new byte[16], message.EncryptedRandomSessionKey.Span), Is.EqualTo(client.ExportedSessionKey));
        });
    }

    [Test]
    public void AnonymousWithoutKeyExchangeSendsNoSessionKey()
    {
        var client = new NtlmClient(NtlmCredential.Anonymous) { NegotiateFlags = NtlmClient.DefaultFlags & ~NegotiateFlags.NegotiateKeyExchange };
        var challenge = new NtlmServer(Users).CreateChallenge(client.CreateNegotiate()).Unwrap();
        var message = AuthenticateMessage.Read(client.CreateAuthenticate(challenge).Unwrap()).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(message.EncryptedRandomSessionKey.ToArray(), Is.Empty);
            Assert.That(client.ExportedSessionKey, Is.Null);
        });
    }

    [Test]
    public void ChallengeCarriesTheAvPairsAndTimestamp()
    {
        var time = new FixedTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var server = new NtlmServer(Users, new FixedRandomSource(Convert.FromHexString("0123456789abcdef")), time)
        {
            NbComputerName = "FILER",
            NbDomainName = "LAB",
            DnsComputerName = "filer.lab.test",
            DnsDomainName = "lab.test",
        };
        var negotiate = new NtlmClient(Users[0]).CreateNegotiate();
        var challenge = ChallengeMessage.Read(server.CreateChallenge(negotiate).Unwrap()).Unwrap();
        var pairs = challenge.TargetInfo!;
        Assert.Multiple(() =>
        {
            Assert.That(challenge.ServerChallenge, Is.EqualTo(Convert.FromHexString("0123456789abcdef")));
            Assert.That(challenge.TargetName, Is.EqualTo("FILER"));
            Assert.That(pairs.FindString(AvId.MsvAvNbComputerName), Is.EqualTo("FILER"));
            Assert.That(pairs.FindString(AvId.MsvAvNbDomainName), Is.EqualTo("LAB"));
            Assert.That(pairs.FindString(AvId.MsvAvDnsComputerName), Is.EqualTo("filer.lab.test"));
            Assert.That(pairs.FindString(AvId.MsvAvDnsDomainName), Is.EqualTo("lab.test"));
            Assert.That(pairs.Timestamp, Is.EqualTo((ulong)time.GetUtcNow().ToFileTime()));
            Assert.That(challenge.NegotiateFlags & NegotiateFlags.NegotiateTargetInfo, Is.EqualTo(NegotiateFlags.NegotiateTargetInfo));
            Assert.That(challenge.NegotiateFlags & NegotiateFlags.NegotiateKeyExchange, Is.EqualTo(NegotiateFlags.NegotiateKeyExchange));
        });
    }

    // Without a timestamp in the challenge the client sends an LMv2 response and no MIC (MS-NLMP 3.1.5.1.2).
    [Test]
    public void NoTimestampMeansNoMicAndAnLmV2Response()
    {
        var client = new NtlmClient(Users[0]);
        var authenticate = AuthenticateMessage.Read(client.CreateAuthenticate(NtlmSpecExampleTests.ChallengeBytes).Unwrap()).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(client.MicSent, Is.False);
            Assert.That(authenticate.Mic, Is.Null);
            Assert.That(authenticate.LmChallengeResponse.ToArray(), Is.Not.EqualTo(new byte[24]));
            Assert.That(authenticate.LmChallengeResponse.Length, Is.EqualTo(24));
        });
    }

    // SPNEGO around our NTLM: each side's mechListMIC verifies with the other side's key.
    [Test]
    public void MechListMicsComputedByEachSideVerifyOnTheOther()
    {
        var server = new NtlmServer(Users);
        var client = new NtlmClient(Users[0]);
        var init = new NegTokenInit { MechTypes = [SpnegoOids.Ntlmssp], MechToken = client.CreateNegotiate() };
        var received = NegTokenInit.Read(init.ToArray()).Unwrap();
        var challenge = server.CreateChallenge(received.MechToken!.Value).Unwrap();
        var authenticate = client.CreateAuthenticate(challenge).Unwrap();
        var clientMic = SpnegoMechListMic.Compute(client.ExportedSessionKey, client.NegotiatedFlags, fromClient: true, init.MechTypeList);
        var result = server.Authenticate(authenticate);
        var serverMic = SpnegoMechListMic.Compute(result.ExportedSessionKey, result.NegotiateFlags, fromClient: false, received.MechTypeList);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True, result.ToString());
            Assert.That(SpnegoMechListMic.Verify(result.ExportedSessionKey, result.NegotiateFlags, fromClient: true, received.MechTypeList, clientMic), Is.True);
            Assert.That(SpnegoMechListMic.Verify(client.ExportedSessionKey, client.NegotiatedFlags, fromClient: false, init.MechTypeList, serverMic), Is.True);
            Assert.That(serverMic, Is.Not.EqualTo(clientMic));
        });
    }

    [Test]
    public void ServerRejectsAnAuthenticateBeforeAChallenge()
    {
        var result = new NtlmServer(Users).Authenticate(NtlmSpecExampleTests.AuthenticateBytes);
        Assert.That(result.Status, Is.EqualTo(NtStatus.LogonFailure));
    }
}
