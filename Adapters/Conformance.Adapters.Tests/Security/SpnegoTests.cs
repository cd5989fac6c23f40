using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;

namespace Conformance.Adapters.Tests.Security;

/// <summary>SPNEGO tokens built from their fields match what Samba sent; bad DER gives a DecodeError.</summary>
public class SpnegoTests
{
    private static readonly CaptureAuthentication Authentication = CaptureAuthentication.Load("smbclient-SMB3");

    // The NEGOTIATE response's security buffer of every capture (Samba 4.17).
    private static readonly byte[] ServerNegTokenInitBytes = NtlmSpecExampleTests.Hex("""
        60 48 06 06 2b 06 01 05 05 02 a0 3e 30 3c a0 0e 30 0c 06 0a 2b 06 01 04 01 82 37 02 02 0a
        a3 2a 30 28 a0 26 1b 24 6e 6f 74 5f 64 65 66 69 6e 65 64 5f 69 6e 5f 52 46 43 34 31 37 38
        40 70 6c 65 61 73 65 5f 69 67 6e 6f 72 65
        """);

    [Test]
    public void ServerNegTokenInitWithNegHintsEncodesAsSambaSendsIt()
    {
        var token = new NegTokenInit { MechTypes = [SpnegoOids.Ntlmssp], NegHints = new NegHints { HintName = NegHints.PleaseIgnore } };
        Assert.That(token.ToArray(), Is.EqualTo(ServerNegTokenInitBytes));
        Assert.That(Authentication.ServerNegTokenInit.ToArray(), Is.EqualTo(ServerNegTokenInitBytes));
    }

    [Test]
    public void ClientNegTokenInitWrapsTheNtlmNegotiate()
    {
        var token = new NegTokenInit { MechTypes = [SpnegoOids.Ntlmssp], MechToken = Authentication.Negotiate };
        var decoded = NegTokenInit.Read(token.ToArray()).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(token.ToArray(), Is.EqualTo(Authentication.ClientNegTokenInit.ToArray()));
            Assert.That(decoded.GssFramed, Is.True);
            Assert.That(NtlmMessageHeader.Peek(decoded.MechToken!.Value.Span), Is.EqualTo(NtlmMessageType.Negotiate));
        });
    }

    [Test]
    public void NegTokenRespEncodesEachNegState()
    {
        var challenge = new NegTokenResp { NegState = NegState.AcceptIncomplete, SupportedMech = SpnegoOids.Ntlmssp, ResponseToken = Authentication.Challenge };
        var authenticate = new NegTokenResp { ResponseToken = Authentication.Authenticate, MechListMic = Authentication.AuthenticateToken.MechListMic };
        var completed = new NegTokenResp { NegState = NegState.AcceptCompleted, MechListMic = Authentication.FinalToken.MechListMic };
        var reject = new NegTokenResp { NegState = NegState.Reject };
        Assert.Multiple(() =>
        {
            Assert.That(challenge.ToArray(), Is.EqualTo(Authentication.ChallengeToken.ToArray()));
            Assert.That(authenticate.ToArray(), Is.EqualTo(Authentication.AuthenticateToken.ToArray()));
            Assert.That(completed.ToArray(), Is.EqualTo(Authentication.FinalToken.ToArray()));
            // a1 07 30 05 a0 03 0a 01 02: negTokenResp { negState reject }.
            Assert.That(reject.ToArray(), Is.EqualTo(Convert.FromHexString("a1073005a0030a0102")));
            Assert.That(NegTokenResp.Read(reject.ToArray()).Unwrap().NegState, Is.EqualTo(NegState.Reject));
        });
    }

    [Test]
    public void LongFormLengthsRoundTrip()
    {
        var token = new NegTokenResp { ResponseToken = new byte[70000] };
        var bytes = token.ToArray();
        Assert.That(bytes[..4], Is.EqualTo(new byte[] { 0xa1, 0x83, 0x01, 0x11 }));
        Assert.That(NegTokenResp.Read(bytes).Unwrap().ResponseToken!.Value.Length, Is.EqualTo(70000));
    }

    [Test]
    public void ReadDispatchesOnTheChoiceTag()
    {
        Assert.That(SpnegoToken.Read(ServerNegTokenInitBytes).Unwrap(), Is.InstanceOf<NegTokenInit>());
        Assert.That(SpnegoToken.Read(Authentication.ChallengeToken.ToArray()).Unwrap(), Is.InstanceOf<NegTokenResp>());
        Assert.That(SpnegoToken.Read(new byte[] { 0x30, 0x00 }).Error?.Field, Is.EqualTo("(choice)"));
        Assert.That(SpnegoToken.Read(ReadOnlyMemory<byte>.Empty).IsSuccess, Is.False);
    }

    [Test]
    public void ObjectIdentifiersEncodeAndDecode()
    {
        Assert.That(Der.EncodeObjectIdentifier(SpnegoOids.Ntlmssp), Is.EqualTo(Convert.FromHexString("060a2b06010401823702020a")));
        Assert.That(Der.EncodeObjectIdentifier(SpnegoOids.MsKerberos5), Is.EqualTo(Convert.FromHexString("06092a864882f712010202")));
        var token = new NegTokenInit { MechTypes = [SpnegoOids.MsKerberos5, SpnegoOids.Kerberos5, SpnegoOids.Ntlmssp] };
        Assert.That(NegTokenInit.Read(token.ToArray()).Unwrap().MechTypes, Is.EqualTo(token.MechTypes));
    }

    [Test]
    public void EveryTruncationIsADecodeError()
    {
        var tokens = new[] { ServerNegTokenInitBytes, Authentication.ClientNegTokenInit.ToArray(), Authentication.AuthenticateToken.ToArray(), Authentication.FinalToken.ToArray() };
        Assert.Multiple(() =>
        {
            foreach (var token in tokens)
            {
                for (var length = 0; length < token.Length; length++)
                {
                    Assert.That(SpnegoToken.Read(token.AsMemory(0, length)).IsSuccess, Is.False, $"{Convert.ToHexString(token[..2])} cut at {length}");
                }
            }
        });
    }

    [Test]
    public void ALengthPastItsContainerNamesTheOffset()
    {
        var bytes = Authentication.FinalToken.ToArray(); // a1 1b 30 19 a0 03 0a 01 00 a3 12 04 10 ...
        bytes[3] = 0x7f;
        var result = NegTokenResp.Read(bytes);
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Offset, Is.EqualTo(3));
        Assert.That(result.Error.Clause, Is.EqualTo("RFC 4178 4.2.2"));
    }

    [Test]
    public void IndefiniteAndOversizedLengthsAreRejected()
    {
        Assert.That(NegTokenResp.Read(Convert.FromHexString("a1803000")).Error?.Problem, Does.Contain("indefinite"));
        Assert.That(NegTokenResp.Read(Convert.FromHexString("a185ffffffffff")).IsSuccess, Is.False);
        Assert.That(NegTokenResp.Read(Convert.FromHexString("a184ffffffff")).IsSuccess, Is.False);
    }

    [Test]
    public void AWrongNegStateOrFieldOrderIsRejected()
    {
        Assert.That(NegTokenResp.Read(Convert.FromHexString("a1073005a0030a0109")).Error?.Field, Is.EqualTo("negState"));
        // [2] before [0].
        Assert.That(NegTokenResp.Read(Convert.FromHexString("a10c300aa2030401aaa0030a0100")).IsSuccess, Is.False);
    }

    [Test]
    public void NoCorruptionThrows()
    {
        var tokens = new[] { ServerNegTokenInitBytes, Authentication.ClientNegTokenInit.ToArray(), Authentication.ChallengeToken.ToArray(), Authentication.AuthenticateToken.ToArray() };
        foreach (var token in tokens)
        {
            for (var index = 0; index < token.Length; index++)
            {
                foreach (var value in new byte[] { 0x00, 0x7F, 0x80, 0x84, 0xFF })
                {
                    var bytes = (byte[])token.Clone();
                    bytes[index] = value;
                    Assert.DoesNotThrow(() => SpnegoToken.Read(bytes), $"byte {index} = 0x{value:X2}");
                }
            }
        }
    }
}
