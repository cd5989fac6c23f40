using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class NegotiateRequestTests
{
    // smbclient-SMB3 frame 0: 3.1.1 request with four contexts (preauth, encryption, signing, netname).
    private static byte[] Smb311Request => Golden.Frame("smbclient-SMB3", 0);

    // smbclient-SMB2_10 frame 0: 2.0.2 + 2.1 request, ClientStartTime form, no contexts.
    private static byte[] Smb210Request => Golden.Frame("smbclient-SMB2_10", 0);

    private static readonly byte[] Salt = Convert.FromHexString("463f85ada1e593f33092c0bcbc8e3e8fd5d414fc9871814802cfb5516598bfee");

    [Test]
    public void DecodesThe311RequestOfTheCapture()
    {
        var request = NegotiateRequest.Read(Smb311Request).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Dialects, Is.EqualTo(new[] { Dialect.Smb202, Dialect.Smb210, Dialect.Smb300, Dialect.Smb302, Dialect.Smb311 }));
            Assert.That(request.SecurityMode, Is.EqualTo(SecurityMode.SigningEnabled));
            Assert.That(request.Capabilities, Is.EqualTo((GlobalCapabilities)0x7F));
            Assert.That(request.ClientGuid, Is.EqualTo(new Guid("95a1b210-63d0-40b4-89c4-b06f622a8bd9")));
            Assert.That(request.NegotiateContextOffset, Is.Null, "0x70 is the computed offset");
            Assert.That(request.NegotiateContexts, Has.Count.EqualTo(4));
            var preauth = (PreauthIntegrityCapabilities)request.NegotiateContexts[0];
            Assert.That(preauth.HashAlgorithms, Is.EqualTo(new[] { HashAlgorithm.Sha512 }));
            Assert.That(preauth.Salt.ToArray(), Is.EqualTo(Salt));
            Assert.That(((EncryptionCapabilities)request.NegotiateContexts[1]).Ciphers,
                Is.EqualTo(new[] { Cipher.Aes128Gcm, Cipher.Aes128Ccm, Cipher.Aes256Gcm, Cipher.Aes256Ccm }));
            Assert.That(((SigningCapabilities)request.NegotiateContexts[2]).SigningAlgorithms,
                Is.EqualTo(new[] { SigningAlgorithm.AesGmac, SigningAlgorithm.AesCmac, SigningAlgorithm.HmacSha256 }));
            Assert.That(((NetnameNegotiateContextId)request.NegotiateContexts[3]).NetName, Is.EqualTo("127.0.0.1"));
        });
    }

    [Test]
    public void EncodesThe311RequestOfTheCaptureFromItsFields()
    {
        var request = new NegotiateRequest
        {
            Dialects = [Dialect.Smb202, Dialect.Smb210, Dialect.Smb300, Dialect.Smb302, Dialect.Smb311],
            SecurityMode = SecurityMode.SigningEnabled,
            Capabilities = GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu | GlobalCapabilities.MultiChannel
                | GlobalCapabilities.PersistentHandles | GlobalCapabilities.DirectoryLeasing | GlobalCapabilities.Encryption,
            ClientGuid = new Guid("95a1b210-63d0-40b4-89c4-b06f622a8bd9"),
            NegotiateContexts =
            [
                new PreauthIntegrityCapabilities { Salt = Salt },
                new EncryptionCapabilities { Ciphers = [Cipher.Aes128Gcm, Cipher.Aes128Ccm, Cipher.Aes256Gcm, Cipher.Aes256Ccm] },
                new SigningCapabilities { SigningAlgorithms = [SigningAlgorithm.AesGmac, SigningAlgorithm.AesCmac, SigningAlgorithm.HmacSha256] },
                new NetnameNegotiateContextId { NetName = "127.0.0.1" },
            ],
        };
        Assert.That(Golden.EncodeWithHeaderOf(Smb311Request, request), Is.EqualTo(Smb311Request));
    }

    [Test]
    public void DecodesTheClientStartTimeFormOfThe21Capture()
    {
        var request = NegotiateRequest.Read(Smb210Request).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Dialects, Is.EqualTo(new[] { Dialect.Smb202, Dialect.Smb210 }));
            Assert.That(request.HasNegotiateContextFields, Is.False);
            Assert.That(request.ClientStartTime, Is.Zero);
            Assert.That(request.ClientGuid, Is.EqualTo(new Guid("3208bac8-9f26-48a3-ac99-94855a16759d")));
            Assert.That(request.NegotiateContexts, Is.Empty);
        });
    }

    [Test]
    public void EncodesTheClientStartTimeFormOfThe21Capture()
    {
        var request = new NegotiateRequest
        {
            Dialects = [Dialect.Smb202, Dialect.Smb210],
            ClientGuid = new Guid("3208bac8-9f26-48a3-ac99-94855a16759d"),
        };
        Assert.That(Golden.EncodeWithHeaderOf(Smb210Request, request), Is.EqualTo(Smb210Request));
    }

    [Test]
    public void OverridesAreWrittenAsGiven()
    {
        var request = new NegotiateRequest
        {
            Dialects = [Dialect.Smb311],
            DialectCount = 9,
            NegotiateContextOffset = 0x1234,
            NegotiateContextCount = 3,
            StructureSize = 35,
            NegotiateContexts = [new EncryptionCapabilities { Ciphers = [Cipher.Aes256Gcm], CipherCount = 5, DataLength = 99 }],
        };
        var bytes = Smb2Message.For(request).Encode();
        Assert.Multiple(() =>
        {
            Assert.That(bytes[64..66], Is.EqualTo(new byte[] { 35, 0 }));
            Assert.That(bytes[66..68], Is.EqualTo(new byte[] { 9, 0 }));
            Assert.That(bytes[92..98], Is.EqualTo(new byte[] { 0x34, 0x12, 0, 0, 3, 0 }));
            // Contexts start at Align8(64 + 36 + 2) = 104: type 2, DataLength 99, CipherCount 5, AES-256-GCM.
            Assert.That(bytes[104..116], Is.EqualTo(new byte[] { 2, 0, 99, 0, 0, 0, 0, 0, 5, 0, 4, 0 }));
        });
    }

    [Test]
    public void EveryTruncationIsADecodeError()
    {
        Golden.EveryTruncationFails<NegotiateRequest>(Smb311Request);
        Golden.EveryTruncationFails<NegotiateRequest>(Smb210Request);
    }

    [Test]
    public void AHugeDialectCountIsADecodeError()
    {
        var error = Golden.Fails<NegotiateRequest>(Golden.PatchedU16(Smb311Request, 66, 0xFFFF));
        Assert.That(error.Field, Is.EqualTo("DialectCount"));
    }

    [TestCase(0x00000000u, TestName = "NegotiateContextOffset 0 with contexts")]
    [TestCase(0x00000050u, TestName = "NegotiateContextOffset inside the fixed part")]
    [TestCase(0x00000070u + 226, TestName = "NegotiateContextOffset past the end")]
    [TestCase(0xFFFFFFFFu, TestName = "NegotiateContextOffset 0xFFFFFFFF")]
    public void AContextOffsetOutsideTheMessageIsADecodeError(uint offset)
    {
        var error = Golden.Fails<NegotiateRequest>(Golden.PatchedU32(Smb311Request, 92, offset));
        Assert.That(error.Field, Does.StartWith("NegotiateContext"));
    }

    [Test]
    public void AHugeContextCountIsADecodeError()
    {
        var error = Golden.Fails<NegotiateRequest>(Golden.PatchedU16(Smb311Request, 96, 0xFFFF));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[4]"));
    }

    [Test]
    public void AContextDataLengthPastTheEndIsADecodeError()
    {
        // The netname context's header is at 200; its DataLength at 202.
        var error = Golden.Fails<NegotiateRequest>(Golden.PatchedU16(Smb311Request, 202, 0x0013));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[3].DataLength"));
        Assert.That(error.Offset, Is.EqualTo(202));
    }

    [Test]
    public void ADialectCountOfZeroStillDecodesSoTheServerCanAnswerInvalidParameter()
    {
        var request = NegotiateRequest.Read(Golden.PatchedU16(Smb210Request, 66, 0)).Unwrap();
        Assert.That(request.Dialects, Is.Empty);
    }

    [Test]
    public void NoByteChangeThrows() => Golden.NoByteChangeThrows<NegotiateRequest>(Smb311Request);

    [Test]
    public void TheCaptureRequestsReEncodeIdentically()
    {
        Assert.That(Golden.ReEncode<NegotiateRequest>(Smb311Request), Is.EqualTo(Smb311Request));
        Assert.That(Golden.ReEncode<NegotiateRequest>(Smb210Request), Is.EqualTo(Smb210Request));
    }
}
