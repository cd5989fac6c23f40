using Conformance.Adapters.Security.Ntlm;

namespace Conformance.Adapters.Tests.Security;

/// <summary>
/// MS-NLMP 4.2.4 (NTLMv2 Authentication) with the common values of 4.2.1: User "User", UserDom
/// "Domain", Passwd "Password", ServerChallenge 0123456789abcdef, ClientChallenge aa*8, Time 0,
/// RandomSessionKey 55*16, workstation "COMPUTER".
/// </summary>
public class NtlmSpecExampleTests
{
    private static readonly byte[] ServerChallenge = Convert.FromHexString("0123456789abcdef");
    private static readonly byte[] ClientChallenge = Enumerable.Repeat((byte)0xaa, 8).ToArray();
    private static readonly byte[] RandomSessionKey = Enumerable.Repeat((byte)0x55, 16).ToArray();

    // 4.2.4.1.3 temp.
    private static readonly byte[] Temp = Hex("""
        01 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00
        aa aa aa aa aa aa aa aa 00 00 00 00 02 00 0c 00
        44 00 6f 00 6d 00 61 00 69 00 6e 00 01 00 0c 00
        53 00 65 00 72 00 76 00 65 00 72 00 00 00 00 00
        00 00 00 00
        """);

    // 4.2.4.3 CHALLENGE_MESSAGE.
    internal static readonly byte[] ChallengeBytes = Hex("""
        4e 54 4c 4d 53 53 50 00 02 00 00 00 0c 00 0c 00
        38 00 00 00 33 82 8a e2 01 23 45 67 89 ab cd ef
        00 00 00 00 00 00 00 00 24 00 24 00 44 00 00 00
        06 00 70 17 00 00 00 0f 53 00 65 00 72 00 76 00
        65 00 72 00 02 00 0c 00 44 00 6f 00 6d 00 61 00
        69 00 6e 00 01 00 0c 00 53 00 65 00 72 00 76 00
        65 00 72 00 00 00 00 00
        """);

    // 4.2.4.3 AUTHENTICATE_MESSAGE.
    internal static readonly byte[] AuthenticateBytes = Hex("""
        4e 54 4c 4d 53 53 50 00 03 00 00 00 18 00 18 00
        6c 00 00 00 54 00 54 00 84 00 00 00 0c 00 0c 00
        48 00 00 00 08 00 08 00 54 00 00 00 10 00 10 00
        5c 00 00 00 10 00 10 00 d8 00 00 00 35 82 88 e2
        05 01 28 0a 00 00 00 0f 44 00 6f 00 6d 00 61 00
        69 00 6e 00 55 00 73 00 65 00 72 00 43 00 4f 00
        4d 00 50 00 55 00 54 00 45 00 52 00 86 c3 50 97
        ac 9c ec 10 25 54 76 4a 57 cc cc 19 aa aa aa aa
        aa aa aa aa 68 cd 0a b8 51 e5 1c 96 aa bc 92 7b
        eb ef 6a 1c 01 01 00 00 00 00 00 00 00 00 00 00
        00 00 00 00 aa aa aa aa aa aa aa aa 00 00 00 00
        02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00
        01 00 0c 00 53 00 65 00 72 00 76 00 65 00 72 00
        00 00 00 00 00 00 00 00 c5 da d2 54 4f c9 79 90
        94 ce 1c e9 0b c9 d0 3e
        """);

    internal static byte[] Hex(string text) => Convert.FromHexString(string.Concat(text.Where(Uri.IsHexDigit)));

    [Test]
    public void ResponseKeyNtIsNtowfv2() // 4.2.4.1.1
    {
        Assert.That(NtlmV2.Ntowfv2("Password", "User", "Domain"), Is.EqualTo(Hex("0c 86 8a 40 3b fd 7a 93 a3 00 1e f2 2e f0 2e 3f")));
    }

    [Test]
    public void TempIsTheNtlmV2ClientChallenge() // 4.2.4.1.3
    {
        var temp = new NtlmV2ClientChallenge
        {
            TimeStamp = 0,
            ChallengeFromClient = ClientChallenge,
            AvPairs = new AvPairList([AvPair.FromString(AvId.MsvAvNbDomainName, "Domain"), AvPair.FromString(AvId.MsvAvNbComputerName, "Server")]),
        };
        Assert.That(temp.ToArray(), Is.EqualTo(Temp));
    }

    [Test]
    public void NtProofStrSessionBaseKeyAndLmV2Response() // 4.2.4.1.2, 4.2.4.2.1, 4.2.4.2.2
    {
        var responseKey = NtlmV2.Ntowfv2("Password", "User", "Domain");
        var ntProofStr = NtlmV2.ComputeNtProofStr(responseKey, ServerChallenge, Temp);
        Assert.Multiple(() =>
        {
            Assert.That(ntProofStr, Is.EqualTo(Hex("68 cd 0a b8 51 e5 1c 96 aa bc 92 7b eb ef 6a 1c")));
            Assert.That(NtlmV2.ComputeSessionBaseKey(responseKey, ntProofStr), Is.EqualTo(Hex("8d e4 0c ca db c1 4a 82 f1 5c b0 ad 0d e9 5c a3")));
            Assert.That(NtlmV2.ComputeLmV2Response(responseKey, ServerChallenge, ClientChallenge),
                Is.EqualTo(Hex("86 c3 50 97 ac 9c ec 10 25 54 76 4a 57 cc cc 19 aa aa aa aa aa aa aa aa")));
        });
    }

    [Test]
    public void EncryptedSessionKeyIsRc4OfTheRandomSessionKey() // 4.2.4.2.3
    {
        var sessionBaseKey = Hex("8d e4 0c ca db c1 4a 82 f1 5c b0 ad 0d e9 5c a3");
        var encrypted = NtlmKeys.Rc4K(sessionBaseKey, RandomSessionKey);
        Assert.That(encrypted, Is.EqualTo(Hex("c5 da d2 54 4f c9 79 90 94 ce 1c e9 0b c9 d0 3e")));
        Assert.That(NtlmKeys.Rc4K(sessionBaseKey, encrypted), Is.EqualTo(RandomSessionKey));
    }

    [Test]
    public void ChallengeMessageDecodesAndReEncodesByteExact()
    {
        var challenge = ChallengeMessage.Read(ChallengeBytes).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(challenge.TargetName, Is.EqualTo("Server"));
            Assert.That((uint)challenge.NegotiateFlags, Is.EqualTo(0xe28a8233));
            Assert.That(challenge.ServerChallenge, Is.EqualTo(ServerChallenge));
            Assert.That(challenge.Version, Is.EqualTo(new NtlmVersion(6, 0, 6000)));
            Assert.That(challenge.TargetInfo!.FindString(AvId.MsvAvNbDomainName), Is.EqualTo("Domain"));
            Assert.That(challenge.TargetInfo.FindString(AvId.MsvAvNbComputerName), Is.EqualTo("Server"));
            Assert.That(challenge.ToArray(), Is.EqualTo(ChallengeBytes));
        });
    }

    [Test]
    public void ChallengeMessageEncodesFromItsFields()
    {
        var challenge = new ChallengeMessage
        {
            TargetName = "Server",
            NegotiateFlags = (NegotiateFlags)0xe28a8233,
            ServerChallenge = ServerChallenge,
            Version = new NtlmVersion(6, 0, 6000),
            TargetInfo = new AvPairList([AvPair.FromString(AvId.MsvAvNbDomainName, "Domain"), AvPair.FromString(AvId.MsvAvNbComputerName, "Server")]),
        };
        Assert.That(challenge.ToArray(), Is.EqualTo(ChallengeBytes));
    }

    [Test]
    public void AuthenticateMessageDecodesAndReEncodesByteExact()
    {
        var message = AuthenticateMessage.Read(AuthenticateBytes).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(message.DomainName, Is.EqualTo("Domain"));
            Assert.That(message.UserName, Is.EqualTo("User"));
            Assert.That(message.Workstation, Is.EqualTo("COMPUTER"));
            Assert.That(message.Mic, Is.Null);
            Assert.That(message.Version, Is.EqualTo(new NtlmVersion(5, 1, 2600)));
            Assert.That(message.NtChallengeResponse.ToArray(), Is.EqualTo(Hex("68 cd 0a b8 51 e5 1c 96 aa bc 92 7b eb ef 6a 1c").Concat(Temp)));
            Assert.That(message.EncryptedRandomSessionKey.ToArray(), Is.EqualTo(Hex("c5 da d2 54 4f c9 79 90 94 ce 1c e9 0b c9 d0 3e")));
            Assert.That(message.PayloadOrder[0], Is.EqualTo(AuthenticatePayloadField.DomainName));
            Assert.That(message.ToArray(), Is.EqualTo(AuthenticateBytes));
        });
    }

    // Our client, given the example's inputs, produces the example's AUTHENTICATE_MESSAGE.
    [Test]
    public void ClientProducesTheSpecAuthenticateMessage()
    {
        var client = new NtlmClient(new NtlmCredential("Domain", "User", "Password"),
            new FixedRandomSource(ClientChallenge, RandomSessionKey), new FixedTimeProvider(DateTimeOffset.FromFileTime(0)))
        {
            Workstation = "COMPUTER",
            Version = new NtlmVersion(5, 1, 2600),
            AuthenticateFlags = (NegotiateFlags)0xe2888235,
            AuthenticatePayloadOrder =
            [
                AuthenticatePayloadField.DomainName, AuthenticatePayloadField.UserName, AuthenticatePayloadField.Workstation,
                AuthenticatePayloadField.LmChallengeResponse, AuthenticatePayloadField.NtChallengeResponse, AuthenticatePayloadField.EncryptedRandomSessionKey,
            ],
        };
        var authenticate = client.CreateAuthenticate(ChallengeBytes).Unwrap();
        Assert.That(authenticate, Is.EqualTo(AuthenticateBytes));
        Assert.That(client.ExportedSessionKey, Is.EqualTo(RandomSessionKey));
    }

    // Our verifier accepts the example's AUTHENTICATE_MESSAGE against its CHALLENGE_MESSAGE and recovers the RandomSessionKey.
    [Test]
    public void ServerVerifiesTheSpecAuthenticateMessage()
    {
        var server = new NtlmServer([new NtlmCredential("Domain", "User", "Password")]);
        var result = server.Verify(ReadOnlyMemory<byte>.Empty, ChallengeBytes, AuthenticateBytes);
        Assert.That(result.Status, Is.EqualTo(0u), result.ToString());
        Assert.That(result.ExportedSessionKey, Is.EqualTo(RandomSessionKey));
        Assert.That(result.MicVerified, Is.False);
    }
}
