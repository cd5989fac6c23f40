using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Security;

/// <summary>Bad NTLM input gives a DecodeError naming field and clause; never an exception.</summary>
public class NtlmDecodeErrorTests
{
    private static readonly byte[] Negotiate = CaptureAuthentication.Load("smbclient-SMB3").Negotiate.ToArray();
    private static readonly byte[] Challenge = NtlmSpecExampleTests.ChallengeBytes;
    private static readonly byte[] Authenticate = CaptureAuthentication.Load("smbclient-SMB3").Authenticate.ToArray();

    [Test]
    public void EveryTruncationOfEachMessageIsADecodeError()
    {
        Assert.Multiple(() =>
        {
            // A NEGOTIATE cut inside its Version is still readable (Version absent); anything shorter than the 32-byte fixed part is not.
            for (var length = 0; length < 32; length++)
            {
                Assert.That(NegotiateMessage.Read(Negotiate.AsMemory(0, length)).IsSuccess, Is.False, $"NEGOTIATE length {length}");
            }
            for (var length = 0; length < Challenge.Length; length++)
            {
                Assert.That(ChallengeMessage.Read(Challenge.AsMemory(0, length)).IsSuccess, Is.False, $"CHALLENGE length {length}");
            }
            for (var length = 0; length < Authenticate.Length; length++)
            {
                Assert.That(AuthenticateMessage.Read(Authenticate.AsMemory(0, length)).IsSuccess, Is.False, $"AUTHENTICATE length {length}");
            }
        });
    }

    [Test]
    public void AnOffsetPointingOutsideNamesTheField()
    {
        var bytes = (byte[])Authenticate.Clone();
        bytes.AsSpan().U32(20 + 4, (uint)bytes.Length); // NtChallengeResponseFields.BufferOffset
        var result = AuthenticateMessage.Read(bytes);
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Field, Is.EqualTo("NtChallengeResponseBufferOffset"));
        Assert.That(result.Error.Clause, Is.EqualTo("MS-NLMP 2.2.1.3"));
        Assert.That(result.Error.Offset, Is.EqualTo(24));
    }

    [Test]
    public void AnOffsetIntoTheFixedPartIsRejected()
    {
        var bytes = (byte[])Challenge.Clone();
        bytes.AsSpan().U32(40 + 4, 8); // TargetInfoFields.BufferOffset inside the header
        var result = ChallengeMessage.Read(bytes);
        Assert.That(result.Error?.Field, Is.EqualTo("TargetInfoBufferOffset"));
    }

    [Test]
    public void AHugeOffsetIsRejectedWithoutOverflow()
    {
        var bytes = (byte[])Authenticate.Clone();
        bytes.AsSpan().U32(28 + 4, 0xFFFFFFF0);
        Assert.That(AuthenticateMessage.Read(bytes).Error?.Field, Is.EqualTo("DomainNameBufferOffset"));
    }

    [Test]
    public void AWrongSignatureOrMessageTypeIsRejected()
    {
        var badSignature = (byte[])Challenge.Clone();
        badSignature[0] = (byte)'X';
        var wrongType = (byte[])Challenge.Clone();
        wrongType[8] = 3;
        Assert.That(ChallengeMessage.Read(badSignature).Error?.Field, Is.EqualTo("Signature"));
        Assert.That(ChallengeMessage.Read(wrongType).Error?.Field, Is.EqualTo("MessageType"));
        Assert.That(NtlmMessageHeader.Peek(Challenge), Is.EqualTo(NtlmMessageType.Challenge));
    }

    [Test]
    public void AnAvPairRunningPastTheTargetInfoIsRejected()
    {
        var bytes = (byte[])Challenge.Clone();
        // The first AV_PAIR's AvLen (TargetInfo at 0x44): 0x0c -> 0x7f.
        bytes[0x44 + 2] = 0x7f;
        var result = ChallengeMessage.Read(bytes);
        Assert.That(result.Error?.Clause, Is.EqualTo("MS-NLMP 2.2.2.1"));
        Assert.That(result.Error?.Offset, Is.EqualTo(0x46));
    }

    [Test]
    public void AnAvPairListWithoutEolIsRejected()
    {
        var bytes = (byte[])Challenge.Clone();
        bytes[^4] = 0x05; // MsvAvEOL becomes MsvAvDnsTreeName with nothing after it
        Assert.That(ChallengeMessage.Read(bytes).Error?.Problem, Does.Contain("without MsvAvEOL"));
    }

    [Test]
    public void ServerAnswersAMalformedAuthenticateWithoutThrowing()
    {
        var server = new NtlmServer([new NtlmCredential(null, "tester", "Passw0rd!")]);
        Assert.Multiple(() =>
        {
            for (var length = 0; length < Authenticate.Length; length += 7)
            {
                var result = server.Verify(Negotiate, CaptureAuthentication.Load("smbclient-SMB3").Challenge, Authenticate.AsMemory(0, length));
                Assert.That(result.IsSuccess, Is.False, $"length {length}");
            }
        });
    }

    // Every single-byte corruption of each message decodes or fails with a DecodeError; none throws.
    [Test]
    public void NoCorruptionThrows()
    {
        foreach (var (original, read) in new (byte[], Func<byte[], bool>)[]
                 {
                     (Negotiate, bytes => NegotiateMessage.Read(bytes).IsSuccess),
                     (Challenge, bytes => ChallengeMessage.Read(bytes).IsSuccess),
                     (Authenticate, bytes => AuthenticateMessage.Read(bytes).IsSuccess),
                 })
        {
            for (var index = 0; index < original.Length; index++)
            {
                foreach (var value in new byte[] { 0x00, 0x7F, 0x80, 0xFF })
                {
                    var bytes = (byte[])original.Clone();
                    bytes[index] = value;
                    Assert.DoesNotThrow(() => read(bytes), $"byte {index} = 0x{value:X2}");
                }
            }
        }
    }
}
