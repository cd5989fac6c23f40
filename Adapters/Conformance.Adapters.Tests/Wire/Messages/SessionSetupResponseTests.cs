using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class SessionSetupResponseTests
{
    // smbclient-SMB3 frame 3: STATUS_MORE_PROCESSING_REQUIRED with the NTLMSSP CHALLENGE (a normal
    // SESSION_SETUP Response, not an ERROR Response); frame 5: the final, signed response.
    private static byte[] Challenge => Golden.Frame("smbclient-SMB3", 3);
    private static byte[] Final => Golden.Frame("smbclient-SMB3", 5);

    [Test]
    public void DecodesTheChallengeResponseOfTheCapture()
    {
        var response = SessionSetupResponse.Read(Challenge).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(Smb2Header.Read(Challenge).Unwrap().Status, Is.EqualTo(NtStatus.MoreProcessingRequired));
            Assert.That(response.SessionFlags, Is.EqualTo(SessionFlags.None));
            Assert.That(response.SecurityBuffer.Length, Is.EqualTo(0xB1));
            Assert.That(response.SecurityBuffer.ToArray()[..3], Is.EqualTo(new byte[] { 0xA1, 0x81, 0xAE }), "SPNEGO NegTokenResp");
        });
    }

    [Test]
    public void EncodesBothResponsesOfTheCaptureFromTheirFields()
    {
        Assert.That(Golden.EncodeWithHeaderOf(Challenge, new SessionSetupResponse { SecurityBuffer = Challenge[72..] }), Is.EqualTo(Challenge));
        Assert.That(Golden.EncodeWithHeaderOf(Final, new SessionSetupResponse { SecurityBuffer = Final[72..] }), Is.EqualTo(Final));
    }

    [Test]
    public void SessionFlagsAreWrittenAndRead()
    {
        var bytes = Golden.EncodeWithHeaderOf(Final, new SessionSetupResponse { SessionFlags = SessionFlags.IsGuest | SessionFlags.EncryptData });
        Assert.That(bytes[66..68], Is.EqualTo(new byte[] { 0x05, 0x00 }));
        Assert.That(SessionSetupResponse.Read(bytes).Unwrap().SessionFlags, Is.EqualTo(SessionFlags.IsGuest | SessionFlags.EncryptData));
    }

    [Test]
    public void EveryTruncationIsADecodeError()
    {
        Golden.EveryTruncationFails<SessionSetupResponse>(Challenge);
        Golden.EveryTruncationFails<SessionSetupResponse>(Final);
    }

    [TestCase((ushort)0x0044, TestName = "SecurityBufferOffset inside the fixed part")]
    [TestCase((ushort)0x0049, TestName = "SecurityBufferOffset one byte too far")]
    [TestCase((ushort)0xFFFF, TestName = "SecurityBufferOffset 0xFFFF")]
    public void ASecurityBufferOutsideTheMessageIsADecodeError(ushort offset)
    {
        var error = Golden.Fails<SessionSetupResponse>(Golden.PatchedU16(Challenge, 68, offset));
        Assert.That(error.Field, Is.EqualTo("SecurityBufferOffset"));
        Assert.That(error.Clause, Is.EqualTo("2.2.6"));
    }

    [Test]
    public void NoByteChangeThrows() => Golden.NoByteChangeThrows<SessionSetupResponse>(Challenge);
}
