using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class NegotiateResponseTests
{
    // smbclient-SMB3 frame 1: 3.1.1 response, 74-byte SPNEGO token, three contexts from offset 0xD0.
    private static byte[] Smb311Response => Golden.Frame("smbclient-SMB3", 1);

    // smbclient-SMB2_02 frame 1: 2.0.2 response, reserved fields zero, no contexts.
    private static byte[] Smb202Response => Golden.Frame("smbclient-SMB2_02", 1);

    private static readonly Guid ServerGuid = new("74626d73-7261-6567-7400-000000000000"); // "smbtarget"
    private static readonly byte[] ResponseSalt = Convert.FromHexString("a1c813b9e16d439b3590b179a90193ee8bd28be9f005d8fa0b2c6765158ac047");

    private static byte[] SpnegoToken(byte[] message) => message[128..(128 + 74)];

    [Test]
    public void DecodesThe311ResponseOfTheCapture()
    {
        var response = NegotiateResponse.Read(Smb311Response).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.SecurityMode, Is.EqualTo(SecurityMode.SigningEnabled));
            Assert.That(response.DialectRevision, Is.EqualTo(Dialect.Smb311));
            Assert.That(response.ServerGuid, Is.EqualTo(ServerGuid));
            Assert.That(response.Capabilities, Is.EqualTo(GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu | GlobalCapabilities.MultiChannel));
            Assert.That(response.MaxTransactSize, Is.EqualTo(8 * 1024 * 1024));
            Assert.That(response.MaxReadSize, Is.EqualTo(8 * 1024 * 1024));
            Assert.That(response.MaxWriteSize, Is.EqualTo(8 * 1024 * 1024));
            Assert.That(response.SystemTime, Is.EqualTo(0x01DD79A81291F506));
            Assert.That(response.ServerStartTime, Is.Zero);
            // The SPNEGO NegTokenInit starts with the [APPLICATION 0] tag 0x60 and the SPNEGO OID 1.3.6.1.5.5.2.
            Assert.That(response.SecurityBuffer.ToArray()[..10], Is.EqualTo(new byte[] { 0x60, 0x48, 0x06, 0x06, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x02 }));
            Assert.That(response.SecurityBuffer.Length, Is.EqualTo(74));
            Assert.That(response.NegotiateContexts, Has.Count.EqualTo(3));
            var preauth = (PreauthIntegrityCapabilities)response.NegotiateContexts[0];
            Assert.That(preauth.HashAlgorithms, Is.EqualTo(new[] { HashAlgorithm.Sha512 }));
            Assert.That(preauth.Salt.ToArray(), Is.EqualTo(ResponseSalt));
            Assert.That(((EncryptionCapabilities)response.NegotiateContexts[1]).Ciphers, Is.EqualTo(new[] { Cipher.Aes128Gcm }));
            Assert.That(((SigningCapabilities)response.NegotiateContexts[2]).SigningAlgorithms, Is.EqualTo(new[] { SigningAlgorithm.AesGmac }));
            Assert.That(response.NegotiateContextOffset, Is.Null, "0xD0 = Align8(128 + 74) is the computed offset");
        });
    }

    [Test]
    public void EncodesThe311ResponseOfTheCaptureFromItsFields()
    {
        var response = new NegotiateResponse
        {
            SecurityMode = SecurityMode.SigningEnabled,
            DialectRevision = Dialect.Smb311,
            ServerGuid = ServerGuid,
            Capabilities = GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu | GlobalCapabilities.MultiChannel,
            MaxTransactSize = 8 * 1024 * 1024,
            MaxReadSize = 8 * 1024 * 1024,
            MaxWriteSize = 8 * 1024 * 1024,
            SystemTime = 0x01DD79A81291F506,
            SecurityBuffer = SpnegoToken(Smb311Response),
            NegotiateContexts =
            [
                new PreauthIntegrityCapabilities { Salt = ResponseSalt },
                new EncryptionCapabilities { Ciphers = [Cipher.Aes128Gcm] },
                new SigningCapabilities { SigningAlgorithms = [SigningAlgorithm.AesGmac] },
            ],
        };
        Assert.That(Golden.EncodeWithHeaderOf(Smb311Response, response), Is.EqualTo(Smb311Response));
    }

    [Test]
    public void DecodesThe202ResponseOfTheCapture()
    {
        var response = NegotiateResponse.Read(Smb202Response).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.DialectRevision, Is.EqualTo(Dialect.Smb202));
            Assert.That(response.Capabilities, Is.EqualTo(GlobalCapabilities.Dfs));
            Assert.That(response.MaxTransactSize, Is.EqualTo(65536));
            Assert.That(response.SystemTime, Is.EqualTo(0x01DD79A81E82D06A));
            Assert.That(response.NegotiateContexts, Is.Empty);
            Assert.That(response.NegotiateContextCount, Is.Null);
            Assert.That(response.NegotiateContextOffset, Is.Null);
        });
    }

    [Test]
    public void EncodesThe202ResponseOfTheCaptureFromItsFields()
    {
        var response = new NegotiateResponse
        {
            DialectRevision = Dialect.Smb202,
            ServerGuid = ServerGuid,
            Capabilities = GlobalCapabilities.Dfs,
            SystemTime = 0x01DD79A81E82D06A,
            SecurityBuffer = SpnegoToken(Smb202Response),
        };
        Assert.That(Golden.EncodeWithHeaderOf(Smb202Response, response), Is.EqualTo(Smb202Response));
    }

    [Test]
    public void NonZeroReservedFieldsOfAnOlderDialectAreKeptAndReEncoded()
    {
        var bytes = Golden.PatchedU32(Golden.PatchedU16(Smb202Response, 70, 0xBEEF), 124, 0xCAFEF00D);
        var response = NegotiateResponse.Read(bytes).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.NegotiateContextCount, Is.EqualTo(0xBEEF));
            Assert.That(response.NegotiateContextOffset, Is.EqualTo(0xCAFEF00D));
            Assert.That(response.NegotiateContexts, Is.Empty);
            Assert.That(Golden.ReEncode<NegotiateResponse>(bytes), Is.EqualTo(bytes));
        });
    }

    [Test]
    public void EveryTruncationIsADecodeError()
    {
        Golden.EveryTruncationFails<NegotiateResponse>(Smb311Response);
        Golden.EveryTruncationFails<NegotiateResponse>(Smb202Response);
    }

    [TestCase((ushort)0x0040, TestName = "SecurityBufferOffset inside the header")]
    [TestCase((ushort)0x0078, TestName = "SecurityBufferOffset inside the fixed part")]
    [TestCase((ushort)0x00D0, TestName = "SecurityBufferOffset running past the end")]
    [TestCase((ushort)0xFFFF, TestName = "SecurityBufferOffset 0xFFFF")]
    public void ASecurityBufferOutsideTheMessageIsADecodeError(ushort offset)
    {
        var error = Golden.Fails<NegotiateResponse>(Golden.PatchedU16(Smb202Response, 120, offset));
        Assert.That(error.Field, Is.EqualTo("SecurityBufferOffset"));
    }

    [Test]
    public void ASecurityBufferLengthPastTheEndIsADecodeError()
    {
        var error = Golden.Fails<NegotiateResponse>(Golden.PatchedU16(Smb202Response, 122, 75));
        Assert.That(error.Field, Is.EqualTo("SecurityBufferOffset"));
    }

    [TestCase(0x00000040u, TestName = "NegotiateContextOffset inside the fixed part")]
    [TestCase(0x00000118u, TestName = "NegotiateContextOffset past the end")]
    [TestCase(0x80000000u, TestName = "NegotiateContextOffset 0x80000000")]
    public void AContextOffsetOutsideTheMessageIsADecodeError(uint offset)
    {
        var error = Golden.Fails<NegotiateResponse>(Golden.PatchedU32(Smb311Response, 124, offset));
        Assert.That(error.Field, Does.StartWith("NegotiateContext"));
    }

    [Test]
    public void AHugeContextCountIsADecodeError()
    {
        var error = Golden.Fails<NegotiateResponse>(Golden.PatchedU16(Smb311Response, 70, 0xFFFF));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[3]"));
    }

    [Test]
    public void AContextDataLengthPastTheEndIsADecodeError()
    {
        // The signing context's header is at 272; its DataLength at 274 (4 bytes of Data end the message).
        var error = Golden.Fails<NegotiateResponse>(Golden.PatchedU16(Smb311Response, 274, 5));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[2].DataLength"));
    }

    [Test]
    public void ASaltLengthPastTheContextIsADecodeError()
    {
        // The preauth context's Data starts at 216: HashAlgorithmCount, then SaltLength at 218.
        var error = Golden.Fails<NegotiateResponse>(Golden.PatchedU16(Smb311Response, 218, 33));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[0].HashAlgorithmCount"));
        Assert.That(error.Clause, Is.EqualTo("2.2.3.1.1"));
    }

    [Test]
    public void AHugeCipherCountIsADecodeError()
    {
        // The encryption context's Data starts at 264.
        var error = Golden.Fails<NegotiateResponse>(Golden.PatchedU16(Smb311Response, 264, 0xFFFF));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[1].CipherCount"));
    }

    [Test]
    public void NoByteChangeThrows() => Golden.NoByteChangeThrows<NegotiateResponse>(Smb311Response);

    [Test]
    public void TheCaptureResponsesReEncodeIdentically()
    {
        Assert.That(Golden.ReEncode<NegotiateResponse>(Smb311Response), Is.EqualTo(Smb311Response));
        Assert.That(Golden.ReEncode<NegotiateResponse>(Smb202Response), Is.EqualTo(Smb202Response));
    }
}
