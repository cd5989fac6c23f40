using System.Security.Cryptography;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using static Conformance.Adapters.Tests.Security.PublishedVectors;

namespace Conformance.Adapters.Tests.Security;

public class MessageSignerTests
{
    private static readonly byte[] HmacKey = Hex("0123456789ABCDEFFEDCBA9876543210");

    public static IEnumerable<SignedMessage> Published => SignedMessages;

    [TestCaseSource(nameof(Published))]
    public void VerifiesAndReproducesAPublishedAesCmacSignature(SignedMessage vector)
    {
        var key = Hex(vector.SigningKey);
        var message = Hex(vector.Message);
        var signature = new byte[16];
        MessageSigner.ComputeSignature(SigningAlgorithm.AesCmac, key, message, signature);

        var resigned = (byte[])message.Clone();
        resigned.AsSpan(48, 16).Fill(0xA5); // whatever the field holds is replaced
        MessageSigner.Sign(SigningAlgorithm.AesCmac, key, resigned);
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(signature), Is.EqualTo(vector.Signature));
            Assert.That(MessageSigner.Verify(SigningAlgorithm.AesCmac, key, message), Is.True);
            Assert.That(resigned, Is.EqualTo(message));
        });
    }

    [TestCaseSource(nameof(Published))]
    public void AnyFlippedBitOfAPublishedSignedMessageFailsVerification(SignedMessage vector)
    {
        using var signer = new MessageSigner(SigningAlgorithm.AesCmac, Hex(vector.SigningKey));
        var message = Hex(vector.Message);
        Assert.That(signer.Verify(message), Is.True);
        for (var bit = 0; bit < message.Length * 8; bit++)
        {
            message[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.That(signer.Verify(message), Is.False, $"bit {bit % 8} of byte {bit / 8}");
            message[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    // 3.1.4.1 step 3: the first 16 bytes of HMAC-SHA256 over the message with a zero Signature field.
    [Test]
    public void HmacSha256SignatureIsTheFirst16BytesOfTheHmac()
    {
        var message = SessionSetupResponseWithSignatureBytes();
        var zeroed = (byte[])message.Clone();
        zeroed.AsSpan(48, 16).Clear();
        var expected = HMACSHA256.HashData(HmacKey, zeroed).AsSpan(0, 16).ToArray();

        MessageSigner.Sign(SigningAlgorithm.HmacSha256, HmacKey, message);
        Assert.Multiple(() =>
        {
            Assert.That(message.AsSpan(48, 16).ToArray(), Is.EqualTo(expected));
            Assert.That(message.AsSpan(0, 48).ToArray(), Is.EqualTo(zeroed.AsSpan(0, 48).ToArray()));
            Assert.That(MessageSigner.Verify(SigningAlgorithm.HmacSha256, HmacKey, message), Is.True);
        });
    }

    [TestCase(SigningAlgorithm.HmacSha256)]
    [TestCase(SigningAlgorithm.AesGmac)]
    public void AnyFlippedBitFailsVerification(SigningAlgorithm algorithm)
    {
        using var signer = new MessageSigner(algorithm, HmacKey);
        var message = SessionSetupResponseWithSignatureBytes();
        signer.Sign(message);
        Assert.That(signer.Verify(message), Is.True);
        for (var bit = 0; bit < message.Length * 8; bit++)
        {
            message[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.That(signer.Verify(message), Is.False, $"bit {bit % 8} of byte {bit / 8}");
            message[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    // NIST CAVP gcmEncryptExtIV128.rsp, [Keylen = 128] [IVlen = 96] [PTlen = 0] [AADlen = 128]
    // [Taglen = 128] Count = 0: GCM with empty plaintext, i.e. GMAC of the AAD.
    [Test]
    public void AesGmacMatchesTheNistGcmVectorWithEmptyPlaintext()
    {
        var tag = new byte[16];
        AesGmac.Compute(Hex("77be63708971c4e240d1cb79e8d77feb"), Hex("e0e00f19fed7ba0136a797f3"), Hex("7a43ec1d9c0a5a78a0b16533a6213cab"), tag);
        Assert.That(tag, Is.EqualTo(Hex("209fcc8d3675ed938e9c7166709dd946")));
    }

    // Current MS-SMB2 3.1.4.1: MessageId, then 4 bytes with bit 0 = sent by the server and bit 1 = CANCEL request.
    [TestCase(Smb2Command.Read, false, "8877665544332211" + "00000000")]
    [TestCase(Smb2Command.Read, true, "8877665544332211" + "01000000")]
    [TestCase(Smb2Command.Cancel, false, "8877665544332211" + "02000000")]
    [TestCase(Smb2Command.Cancel, true, "8877665544332211" + "01000000")]
    public void GmacNonceLayout(Smb2Command command, bool response, string expectedNonce)
    {
        var header = new Smb2Header
        {
            Command = command,
            MessageId = 0x1122334455667788,
            Flags = response ? Smb2HeaderFlags.ServerToRedir | Smb2HeaderFlags.Signed : Smb2HeaderFlags.Signed,
        };
        var message = new byte[Smb2Header.Size];
        header.WriteTo(message);
        var nonce = new byte[12];
        MessageSigner.GmacNonce(message, nonce);
        Assert.That(Convert.ToHexString(nonce), Is.EqualTo(expectedNonce));
    }

    [Test]
    public void GmacSignatureIsTheGcmTagOverTheZeroedMessage()
    {
        var message = SessionSetupResponseWithSignatureBytes();
        var zeroed = (byte[])message.Clone();
        zeroed.AsSpan(48, 16).Clear();
        var nonce = new byte[12];
        MessageSigner.GmacNonce(message, nonce);
        var expected = new byte[16];
        using (var gcm = new AesGcm(HmacKey, 16))
        {
            gcm.Encrypt(nonce, Array.Empty<byte>(), Array.Empty<byte>(), expected, zeroed);
        }
        MessageSigner.Sign(SigningAlgorithm.AesGmac, HmacKey, message);
        Assert.That(message.AsSpan(48, 16).ToArray(), Is.EqualTo(expected));
        Assert.That(Convert.ToHexString(nonce[..8]), Is.EqualTo("0200000000000000"), "MessageId 2 of the blog's response");
    }

    [TestCase(Dialect.Smb202, null, SigningAlgorithm.HmacSha256)]
    [TestCase(Dialect.Smb210, null, SigningAlgorithm.HmacSha256)]
    [TestCase(Dialect.Smb300, null, SigningAlgorithm.AesCmac)]
    [TestCase(Dialect.Smb302, null, SigningAlgorithm.AesCmac)]
    [TestCase(Dialect.Smb311, null, SigningAlgorithm.AesCmac)]
    [TestCase(Dialect.Smb311, SigningAlgorithm.AesGmac, SigningAlgorithm.AesGmac)]
    public void AlgorithmPerDialect(Dialect dialect, SigningAlgorithm? negotiated, SigningAlgorithm expected) =>
        Assert.That(SigningAlgorithmExtensions.ForDialect(dialect, negotiated), Is.EqualTo(expected));

    // Each message of a compound is signed on its own, its padding included (3.1.4.1).
    [TestCase(SigningAlgorithm.AesCmac)]
    [TestCase(SigningAlgorithm.AesGmac)]
    [TestCase(SigningAlgorithm.HmacSha256)]
    public void EachMessageOfACompoundIsSignedOnItsOwn(SigningAlgorithm algorithm)
    {
        var messages = new[]
        {
            new Smb2Message(new Smb2Header { Command = Smb2Command.Echo, MessageId = 7, SessionId = 0x100000000025, Flags = Smb2HeaderFlags.Signed }, new EchoRequest()),
            new Smb2Message(new Smb2Header { Command = Smb2Command.Echo, MessageId = 8, SessionId = 0x100000000025, Flags = Smb2HeaderFlags.Signed | Smb2HeaderFlags.RelatedOperations }, new EchoRequest()),
        };
        var packet = Smb2Compound.Encode(messages, out var ranges);
        using var signer = new MessageSigner(algorithm, HmacKey);
        signer.SignEach(packet, ranges);

        var slices = Smb2Compound.Split(packet).Unwrap();
        var alone = new byte[16];
        signer.ComputeSignature(packet.AsSpan(ranges[1]).ToArray(), alone);
        Assert.Multiple(() =>
        {
            Assert.That(ranges[0].GetOffsetAndLength(packet.Length).Length, Is.EqualTo(72), "first message padded to 8 bytes");
            Assert.That(signer.VerifyEach(slices), Is.EqualTo(new[] { true, true }));
            Assert.That(packet.AsSpan(ranges[1]).Slice(48, 16).ToArray(), Is.EqualTo(alone));
        });

        packet[Smb2Header.Size + 5] ^= 0x01; // a padding byte of the first message
        Assert.That(signer.VerifyEach(Smb2Compound.Split(packet).Unwrap()), Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public void AMessageShorterThanTheHeaderDoesNotVerify() =>
        Assert.That(MessageSigner.Verify(SigningAlgorithm.AesCmac, HmacKey, new byte[63]), Is.False);

    /// <summary>The blog's final SESSION_SETUP response, whose Signature field is not zero.</summary>
    private static byte[] SessionSetupResponseWithSignatureBytes() => Hex(SignedMessages[0].Message);
}
