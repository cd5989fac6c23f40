using System.Buffers.Binary;
using System.Security.Cryptography;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;
using static Conformance.Adapters.Tests.Security.PublishedVectors;

namespace Conformance.Adapters.Tests.Security;

public class MessageEncryptionTests
{
    public static IEnumerable<EncryptionVector> Vectors => EncryptionVectors;

    [TestCaseSource(nameof(Vectors))]
    public void EncryptingWithThePublishedNonceGivesThePublishedTransformedMessage(EncryptionVector vector)
    {
        var transformed = Hex(vector.Transformed);
        var nonceField = transformed.AsSpan(20, 16).ToArray();
        var sessionId = BinaryPrimitives.ReadUInt64LittleEndian(transformed.AsSpan(44));
        var result = MessageEncryption.Encrypt(vector.Cipher, Hex(vector.Key), sessionId, nonceField, Hex(vector.Plaintext));
        Assert.That(Convert.ToHexString(result), Is.EqualTo(Convert.ToHexString(transformed)));
    }

    [TestCaseSource(nameof(Vectors))]
    public void DecryptingThePublishedTransformedMessageGivesThePublishedMessage(EncryptionVector vector)
    {
        var result = MessageEncryption.Decrypt(vector.Cipher, Hex(vector.Key), Hex(vector.Transformed));
        Assert.That(result.IsSuccess, Is.True, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(result.Value!.Message), Is.EqualTo(Convert.ToHexString(Hex(vector.Plaintext))));
            Assert.That(result.Value.Header.OriginalMessageSize, Is.EqualTo((uint)Hex(vector.Plaintext).Length));
        });
    }

    // The nonce of the GCM vectors is 12 bytes long: an explicit nonce of that size is zero-filled to the 16-byte field.
    [Test]
    public void AShortExplicitNonceIsZeroFilled()
    {
        var vector = EncryptionVectors.Single(v => v.Name == "[SMB311] A.1 WRITE Request");
        var result = MessageEncryption.Encrypt(vector.Cipher, Hex(vector.Key), 0x100000000025, Hex("C7D6822D269CAF48904C664C"), Hex(vector.Plaintext));
        Assert.That(Convert.ToHexString(result), Is.EqualTo(Convert.ToHexString(Hex(vector.Transformed))));
    }

    [TestCase("[SMB30] WRITE Response")]
    [TestCase("[SMB311] A.1 WRITE Response")]
    public void AnyFlippedBitFailsDecryptionWithTheRightKind(string name)
    {
        var vector = EncryptionVectors.Single(v => v.Name == name);
        var key = Hex(vector.Key);
        var transformed = Hex(vector.Transformed);
        var plaintext = new byte[transformed.Length];
        for (var bit = 0; bit < transformed.Length * 8; bit++)
        {
            var offset = bit / 8;
            transformed[offset] ^= (byte)(1 << (bit % 8));
            var error = MessageEncryption.Decrypt(vector.Cipher, key, transformed, plaintext);
            transformed[offset] ^= (byte)(1 << (bit % 8));

            // ProtocolId, OriginalMessageSize and Flags are checked before decryption; every other
            // byte is tag, nonce, associated data or ciphertext.
            var headerField = offset < 4 || offset is >= 36 and < 40 || offset is 42 or 43;
            var expected = headerField ? DecryptFailure.MalformedTransformHeader : DecryptFailure.AuthenticationFailed;
            Assert.That(error?.Failure, Is.EqualTo(expected), $"bit {bit % 8} of byte {offset}");
        }
        Assert.That(MessageEncryption.Decrypt(vector.Cipher, key, transformed, plaintext), Is.Null);
    }

    [Test]
    public void TheWrongKeyFailsAuthentication()
    {
        var vector = EncryptionVectors[0];
        var result = MessageEncryption.Decrypt(vector.Cipher, Hex(Smb30.DecryptionKey), Hex(vector.Transformed));
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Failure, Is.EqualTo(DecryptFailure.AuthenticationFailed));
        Assert.That(result.Error.Detail.Field, Is.EqualTo("Signature"));
    }

    [Test]
    public void ATruncatedTransformedMessageIsMalformed()
    {
        var transformed = Hex(EncryptionVectors[0].Transformed);
        for (var length = 0; length < transformed.Length; length++)
        {
            var result = MessageEncryption.Decrypt(Cipher.Aes128Ccm, Hex(Smb30.EncryptionKey), transformed.AsSpan(0, length));
            Assert.That(result.Error?.Failure, Is.EqualTo(DecryptFailure.MalformedTransformHeader), $"length {length}");
        }
    }

    // No published SMB vectors for the AES-256 ciphers: the transformed message is checked against
    // the .NET AEAD called directly with the nonce, associated data and tag placement of 2.2.41.
    [TestCase(Cipher.Aes256Ccm)]
    [TestCase(Cipher.Aes256Gcm)]
    [TestCase(Cipher.Aes128Ccm)]
    [TestCase(Cipher.Aes128Gcm)]
    public void RandomNonceRoundTripMatchesTheAeadCalledDirectly(Cipher cipher)
    {
        var key = new byte[cipher.KeySize()];
        new Random(7).NextBytes(key);
        var message = Hex(EncryptionVectors[0].Plaintext);
        var transformed = MessageEncryption.Encrypt(cipher, key, 0x1122334455667788, message);
        var again = MessageEncryption.Encrypt(cipher, key, 0x1122334455667788, message);

        var nonceSize = cipher.NonceSize();
        var expectedCiphertext = new byte[message.Length];
        var expectedTag = new byte[16];
        var nonce = transformed.AsSpan(20, nonceSize);
        var aad = transformed.AsSpan(20, 32);
        if (cipher.IsGcm())
        {
            using var gcm = new AesGcm(key, 16);
            gcm.Encrypt(nonce, message, expectedCiphertext, expectedTag, aad);
        }
        else
        {
            using var ccm = new AesCcm(key);
            ccm.Encrypt(nonce, message, expectedCiphertext, expectedTag, aad);
        }
        var decrypted = MessageEncryption.Decrypt(cipher, key, transformed);
        Assert.Multiple(() =>
        {
            Assert.That(transformed.AsSpan(0, 4).ToArray(), Is.EqualTo(new byte[] { 0xFD, (byte)'S', (byte)'M', (byte)'B' }));
            Assert.That(transformed.AsSpan(20 + nonceSize, 16 - nonceSize).ToArray(), Is.All.EqualTo(0), "reserved part of Nonce");
            Assert.That(transformed.AsSpan(20, nonceSize).ToArray(), Is.Not.EqualTo(again.AsSpan(20, nonceSize).ToArray()), "fresh nonce");
            Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(transformed.AsSpan(44)), Is.EqualTo(0x1122334455667788));
            Assert.That(transformed.AsSpan(52).ToArray(), Is.EqualTo(expectedCiphertext));
            Assert.That(transformed.AsSpan(4, 16).ToArray(), Is.EqualTo(expectedTag));
            Assert.That(decrypted.Unwrap().Message, Is.EqualTo(message));
        });
    }

    [Test]
    public void KeysOfTheWrongSizeAreRefused() =>
        Assert.That(() => MessageEncryption.Encrypt(Cipher.Aes256Gcm, new byte[16], 1, new byte[64]), Throws.ArgumentException);

    // The client's EncryptionKey is the server's DecryptionKey and the other way round (3.2.5.3.1, 3.3.5.5.3).
    [TestCase(Cipher.Aes128Ccm)]
    [TestCase(Cipher.Aes128Gcm)]
    [TestCase(Cipher.Aes256Ccm)]
    [TestCase(Cipher.Aes256Gcm)]
    public void WhatOneRoleEncryptsTheOtherDecrypts(Cipher cipher)
    {
        var gssKey = Hex(Smb311Gcm.SessionKey + "00112233445566778899AABBCCDDEEFF");
        var preauth = Hex(Smb311Gcm.PreauthIntegrityHash);
        var client = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, gssKey, preauth, cipher);
        var server = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Server, gssKey, preauth, cipher);
        using var clientOut = new MessageCipher(cipher, client.EncryptionKey);
        using var serverIn = new MessageCipher(cipher, server.DecryptionKey);
        using var serverOut = new MessageCipher(cipher, server.EncryptionKey);
        using var clientIn = new MessageCipher(cipher, client.DecryptionKey);

        var request = Hex(EncryptionVectors[4].Plaintext);
        var response = Hex(EncryptionVectors[5].Plaintext);
        var nonce = new byte[16];
        var buffer = new byte[MessageCipher.TransformedLength(request.Length)];
        var plain = new byte[request.Length];
        MessageCipher.NewNonce(cipher, nonce);
        clientOut.Encrypt(0x100000000025, nonce, request, buffer);
        Assert.That(serverIn.Decrypt(buffer, plain), Is.Null);
        Assert.That(plain, Is.EqualTo(request));
        Assert.That(clientIn.Decrypt(buffer, plain)?.Failure, Is.EqualTo(DecryptFailure.AuthenticationFailed), "a client does not accept its own direction");

        var back = new byte[MessageCipher.TransformedLength(response.Length)];
        MessageCipher.NewNonce(cipher, nonce);
        serverOut.Encrypt(0x100000000025, nonce, response, back);
        Assert.That(clientIn.Decrypt(back).Unwrap().Message, Is.EqualTo(response));
    }
}
