using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class SessionSetupRequestTests
{
    // smbclient-SMB3 frame 2: first SESSION_SETUP, SPNEGO NegTokenInit wrapping NTLMSSP NEGOTIATE.
    private static byte[] Request => Golden.Frame("smbclient-SMB3", 2);

    private static byte[] Token => Request[88..];

    [Test]
    public void DecodesTheRequestOfTheCapture()
    {
        var request = SessionSetupRequest.Read(Request).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Flags, Is.EqualTo(SessionSetupRequestFlags.None));
            Assert.That(request.SecurityMode, Is.EqualTo(SecurityMode.SigningEnabled));
            Assert.That(request.Capabilities, Is.EqualTo(GlobalCapabilities.Dfs));
            Assert.That(request.Channel, Is.Zero);
            Assert.That(request.PreviousSessionId, Is.Zero);
            Assert.That(request.SecurityBuffer.Length, Is.EqualTo(74));
            // "NTLMSSP\0" inside the SPNEGO token.
            Assert.That(request.SecurityBuffer.ToArray()[34..42], Is.EqualTo("NTLMSSP\0"u8.ToArray()));
            Assert.That(request.SecurityBufferOffset, Is.Null, "0x58 is the computed offset");
        });
    }

    [Test]
    public void EncodesTheRequestOfTheCaptureFromItsFields()
    {
        var request = new SessionSetupRequest { SecurityMode = SecurityMode.SigningEnabled, Capabilities = GlobalCapabilities.Dfs, SecurityBuffer = Token };
        Assert.That(Golden.EncodeWithHeaderOf(Request, request), Is.EqualTo(Request));
    }

    [Test]
    public void BindingFlagAndPreviousSessionIdAreWritten()
    {
        var request = new SessionSetupRequest { Flags = SessionSetupRequestFlags.Binding, SecurityMode = SecurityMode.SigningRequired, PreviousSessionId = 0x0102030405060708, Channel = 9 };
        var bytes = Golden.EncodeWithHeaderOf(Request, request);
        Assert.Multiple(() =>
        {
            Assert.That(bytes[66..68], Is.EqualTo(new byte[] { 0x01, 0x02 }));
            Assert.That(bytes[72..76], Is.EqualTo(new byte[] { 9, 0, 0, 0 }));
            Assert.That(bytes[80..88], Is.EqualTo(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }));
            Assert.That(SessionSetupRequest.Read(bytes).Unwrap().Flags, Is.EqualTo(SessionSetupRequestFlags.Binding));
        });
    }

    [Test]
    public void EveryTruncationIsADecodeError() => Golden.EveryTruncationFails<SessionSetupRequest>(Request);

    [TestCase((ushort)0x0000, TestName = "SecurityBufferOffset 0 with a non-empty buffer")]
    [TestCase((ushort)0x0050, TestName = "SecurityBufferOffset inside the fixed part")]
    [TestCase((ushort)0x0059, TestName = "SecurityBufferOffset one byte too far")]
    [TestCase((ushort)0xFFFF, TestName = "SecurityBufferOffset 0xFFFF")]
    public void ASecurityBufferOutsideTheMessageIsADecodeError(ushort offset)
    {
        var error = Golden.Fails<SessionSetupRequest>(Golden.PatchedU16(Request, 76, offset));
        Assert.That(error.Field, Is.EqualTo("SecurityBufferOffset"));
        Assert.That(error.Clause, Is.EqualTo("2.2.5"));
    }

    [Test]
    public void AHugeSecurityBufferLengthIsADecodeError() =>
        Assert.That(Golden.Fails<SessionSetupRequest>(Golden.PatchedU16(Request, 78, 0xFFFF)).Field, Is.EqualTo("SecurityBufferOffset"));

    [Test]
    public void NoByteChangeThrows() => Golden.NoByteChangeThrows<SessionSetupRequest>(Request);
}
