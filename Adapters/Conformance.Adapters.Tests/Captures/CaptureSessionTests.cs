using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Tests.Captures;

/// <summary>
/// The whole codec and security layer against the four real smbclient-to-Samba sessions:
/// every message decodes (after decryption where it was encrypted), every plain packet re-encodes
/// to its bytes, every signature verifies with keys recomputed from the password alone (and fails
/// with one bit changed), and every encrypted message decrypts and re-encrypts to its bytes.
/// </summary>
public class CaptureSessionTests
{
    public static IEnumerable<string> Names => Capture.Names;

    // Messages per capture (compounds counted message by message): pinned so the set cannot shrink unnoticed.
    [TestCase("smbclient-SMB2_02", 60)]
    [TestCase("smbclient-SMB2_10", 60)]
    [TestCase("smbclient-SMB3", 56)]
    [TestCase("smbclient-SMB3-encrypt", 56)]
    public void EveryMessageDecodesThroughTheCatalog(string name, int messages)
    {
        var session = CaptureSession.Open(name);
        var decoded = 0;
        foreach (var frame in session.Capture.Frames)
        {
            var slices = Smb2Compound.Split(session.PlainPacket(frame));
            Assert.That(slices.IsSuccess, Is.True, $"{frame}: {slices}");
            foreach (var slice in slices.Value!)
            {
                var message = Smb2MessageCatalog.Read(slice);
                Assert.That(message.IsSuccess, Is.True, $"{frame} {slice.Header}: {message}");
                decoded++;
            }
        }
        Assert.That(decoded, Is.EqualTo(messages));
    }

    [TestCaseSource(nameof(Names))]
    public void EveryPacketReEncodesByteIdentically(string name)
    {
        var session = CaptureSession.Open(name);
        foreach (var frame in session.Capture.Frames)
        {
            var packet = session.PlainPacket(frame);
            var messages = Smb2Compound.Split(packet).Unwrap().Select(slice => Smb2MessageCatalog.Read(slice).Unwrap()).ToList();
            Assert.That(Smb2Compound.Encode(messages), Is.EqualTo(packet), frame.ToString());
        }
    }

    [TestCaseSource(nameof(Names))]
    public void EveryPacketReEncodesByteIdenticallyIntoAReusedBuffer(string name)
    {
        var session = CaptureSession.Open(name);
        foreach (var frame in session.Capture.Frames)
        {
            var packet = session.PlainPacket(frame);
            var messages = Smb2Compound.Split(packet).Unwrap().Select(slice => Smb2MessageCatalog.Read(slice).Unwrap()).ToList();
            // Garbage where padding, reserved fields and gaps go: a reused buffer must come out as a fresh one does.
            var buffer = new byte[packet.Length + 16];
            buffer.AsSpan().Fill(0xA5);
            var ranges = new Range[messages.Count];
            var length = Smb2Compound.EncodeTo(messages, buffer, ranges);
            Smb2Compound.Encode(messages, out var freshRanges);
            Assert.That(length, Is.EqualTo(packet.Length), frame.ToString());
            Assert.That(buffer.AsSpan(0, length).ToArray(), Is.EqualTo(packet.ToArray()), frame.ToString());
            Assert.That(buffer.AsSpan(length).ToArray(), Is.All.EqualTo(0xA5), $"{frame}: bytes past the packet are left alone");
            Assert.That(ranges, Is.EqualTo(freshRanges), frame.ToString());
        }
    }

    [TestCaseSource(nameof(Names))]
    public void EverySignedMessageVerifiesWithKeysFromThePassword(string name)
    {
        var session = CaptureSession.Open(name);
        using var signer = new MessageSigner(session.SigningAlgorithm, session.Keys.SigningKey);
        var signed = SignedMessages(session).ToList();
        Assert.That(signed, Is.Not.Empty, "a capture with signing on has signed messages");
        foreach (var (frame, message) in signed)
        {
            Assert.That(signer.Verify(message), Is.True, $"{frame}: {Smb2Header.Read(message).Unwrap()}");
        }
    }

    [TestCaseSource(nameof(Names))]
    public void OneChangedBitFailsEverySignature(string name)
    {
        var session = CaptureSession.Open(name);
        using var signer = new MessageSigner(session.SigningAlgorithm, session.Keys.SigningKey);
        foreach (var (frame, message) in SignedMessages(session))
        {
            foreach (var position in new[] { 12, Smb2Header.SignatureOffset, message.Length - 1 })
            {
                var tampered = message.ToArray();
                tampered[position] ^= 0x01;
                Assert.That(signer.Verify(tampered), Is.False, $"{frame}: bit 0 of byte {position} changed");
            }
        }
    }

    [Test]
    public void AWrongPasswordGivesKeysThatVerifyNothing()
    {
        // The capture session refuses a wrong password at the NTLM step; derive keys from a
        // wrong-but-well-formed session key to show the signatures really depend on the key.
        var session = CaptureSession.Open("smbclient-SMB3");
        var wrongKeys = SessionKeys.Derive(session.Dialect, Smb2Role.Client, new byte[16], session.PreauthIntegrityHash.Value, session.Cipher);
        using var signer = new MessageSigner(session.SigningAlgorithm, wrongKeys.SigningKey);
        Assert.That(SignedMessages(session).Select(signed => signer.Verify(signed.Message)), Has.None.True);
    }

    [Test]
    public void EveryEncryptedMessageDecryptsAndReEncryptsToItsBytes()
    {
        var session = CaptureSession.Open("smbclient-SMB3-encrypt");
        var transformed = session.Capture.Frames.Where(CaptureSession.IsTransform).ToList();
        Assert.That(transformed, Has.Count.GreaterThan(20), "the capture encrypts everything after session setup");
        Assert.That(session.Cipher, Is.EqualTo(Cipher.Aes128Gcm));
        foreach (var frame in transformed)
        {
            var key = frame.FromClient ? session.Keys.EncryptionKey : session.Keys.DecryptionKey;
            var plain = MessageEncryption.Decrypt(session.Cipher, key, frame.Bytes).Unwrap();
            Assert.That(plain.Message[..4], Is.EqualTo(new byte[] { 0xFE, (byte)'S', (byte)'M', (byte)'B' }), frame.ToString());
            var nonce = frame.Bytes.AsSpan(20, session.Cipher.NonceSize());
            var again = MessageEncryption.Encrypt(session.Cipher, key, plain.Header.SessionId, nonce, plain.Message);
            Assert.That(again, Is.EqualTo(frame.Bytes), frame.ToString());
        }
    }

    [Test]
    public void AnEncryptedMessageWithOneChangedBitIsRejected()
    {
        var session = CaptureSession.Open("smbclient-SMB3-encrypt");
        var frame = session.Capture.Frames.First(CaptureSession.IsTransform);
        var key = frame.FromClient ? session.Keys.EncryptionKey : session.Keys.DecryptionKey;
        var tampered = frame.Bytes.ToArray();
        tampered[^1] ^= 0x80;
        Assert.That(MessageEncryption.Decrypt(session.Cipher, key, tampered).IsSuccess, Is.False);
    }

    [TestCase("smbclient-SMB2_02", Dialect.Smb202)]
    [TestCase("smbclient-SMB2_10", Dialect.Smb210)]
    [TestCase("smbclient-SMB3", Dialect.Smb311)]
    [TestCase("smbclient-SMB3-encrypt", Dialect.Smb311)]
    public void TheNegotiatedDialectIsTheCapturesOwn(string name, Dialect dialect) =>
        Assert.That(CaptureSession.Open(name).Dialect, Is.EqualTo(dialect));

    private static IEnumerable<(CaptureFrame Frame, byte[] Message)> SignedMessages(CaptureSession session) =>
        from frame in session.Capture.Frames
        let packet = session.PlainPacket(frame)
        from slice in Smb2Compound.Split(packet).Unwrap()
        where slice.Header.IsSigned
        select (frame, slice.Bytes.ToArray());
}
