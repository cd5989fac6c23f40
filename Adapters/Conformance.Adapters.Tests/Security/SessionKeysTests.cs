using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;
using static Conformance.Adapters.Tests.Security.PublishedVectors;

namespace Conformance.Adapters.Tests.Security;

public class SessionKeysTests
{
    [TestCase(Dialect.Smb300)]
    [TestCase(Dialect.Smb302)]
    public void Smb30KeysAreThoseOfTheBlog(Dialect dialect)
    {
        var keys = SessionKeys.Derive(dialect, Smb2Role.Client, Hex(Smb30.SessionKey));
        AssertKeys(keys, Smb30);
    }

    [Test]
    public void Smb311GcmKeysAreThoseOfTheBlog()
    {
        var keys = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, Hex(Smb311Gcm.SessionKey), Hex(Smb311Gcm.PreauthIntegrityHash), Cipher.Aes128Gcm);
        AssertKeys(keys, Smb311Gcm);
    }

    [Test]
    public void Smb311CcmKeysAreThoseOfTheBlog()
    {
        var keys = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, Hex(Smb311Ccm.SessionKey), Hex(Smb311Ccm.PreauthIntegrityHash), Cipher.Aes128Ccm);
        AssertKeys(keys, Smb311Ccm);
    }

    [Test]
    public void TheServerEncryptsWithTheClientsDecryptionKey()
    {
        var server = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Server, Hex(Smb311Gcm.SessionKey), Hex(Smb311Gcm.PreauthIntegrityHash), Cipher.Aes128Gcm);
        var server30 = SessionKeys.Derive(Dialect.Smb300, Smb2Role.Server, Hex(Smb30.SessionKey));
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(server.EncryptionKey), Is.EqualTo(Smb311Gcm.DecryptionKey));
            Assert.That(Convert.ToHexString(server.DecryptionKey), Is.EqualTo(Smb311Gcm.EncryptionKey));
            Assert.That(Convert.ToHexString(server.SigningKey), Is.EqualTo(Smb311Gcm.SigningKey));
            Assert.That(Convert.ToHexString(server30.EncryptionKey), Is.EqualTo(Smb30.DecryptionKey));
            Assert.That(Convert.ToHexString(server30.DecryptionKey), Is.EqualTo(Smb30.EncryptionKey));
        });
    }

    [TestCase(Dialect.Smb202)]
    [TestCase(Dialect.Smb210)]
    public void Smb2SignsWithTheSessionKeyItself(Dialect dialect)
    {
        var keys = SessionKeys.Derive(dialect, Smb2Role.Client, Hex(Smb30.SessionKey));
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(keys.SigningKey), Is.EqualTo(Smb30.SessionKey));
            Assert.That(Convert.ToHexString(keys.ApplicationKey), Is.EqualTo(Smb30.SessionKey));
            Assert.That(keys.EncryptionKey, Is.Empty);
            Assert.That(keys.DecryptionKey, Is.Empty);
        });
    }

    // 3.2.5.3.1: Session.SessionKey is the first 16 bytes of the GSS key, right-padded with zeros.
    [Test]
    public void TheSessionKeyIsTheFirst16BytesRightPadded()
    {
        var shortKey = SessionKeys.Derive(Dialect.Smb210, Smb2Role.Client, Hex("0102030405"));
        var longKey = SessionKeys.Derive(Dialect.Smb300, Smb2Role.Client, Hex(Smb30.SessionKey + "FFEEDDCCBBAA99887766554433221100"));
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(shortKey.SessionKey), Is.EqualTo("01020304050000000000000000000000"));
            Assert.That(Convert.ToHexString(longKey.SigningKey), Is.EqualTo(Smb30.SigningKey));
        });
    }

    // Current MS-SMB2 3.1.4.2 / 3.2.5.3.1: with AES-256 the cipher keys are 256-bit (L = 256) and
    // derived from Session.FullSessionKey; signing and application keys remain 128-bit keys from
    // Session.SessionKey. No published vector exists: the expected cipher key is the SP800-108
    // construction written out here with HMAC-SHA256 directly.
    [TestCase(Cipher.Aes256Ccm)]
    [TestCase(Cipher.Aes256Gcm)]
    public void Aes256CipherKeysUseTheFullSessionKeyAndL256(Cipher cipher)
    {
        var fullKey = Hex(Smb311Gcm.SessionKey + "00112233445566778899AABBCCDDEEFF");
        var preauth = Hex(Smb311Gcm.PreauthIntegrityHash);
        var keys = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, fullKey, preauth, cipher);

        byte[] Block(uint counter, string label)
        {
            var input = new List<byte>();
            var word = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(word, counter);
            input.AddRange(word);
            input.AddRange(Encoding.ASCII.GetBytes(label + "\0"));
            input.Add(0);
            input.AddRange(preauth);
            BinaryPrimitives.WriteUInt32BigEndian(word, 256);
            input.AddRange(word);
            return HMACSHA256.HashData(fullKey, input.ToArray());
        }
        Assert.Multiple(() =>
        {
            Assert.That(keys.EncryptionKey, Is.EqualTo(Block(1, "SMBC2SCipherKey")));
            Assert.That(keys.DecryptionKey, Is.EqualTo(Block(1, "SMBS2CCipherKey")));
            Assert.That(Convert.ToHexString(keys.SigningKey), Is.EqualTo(Smb311Gcm.SigningKey));
            Assert.That(Convert.ToHexString(keys.ApplicationKey), Is.EqualTo(Smb311Gcm.ApplicationKey));
        });
    }

    [Test]
    public void TheKdfRepeatsThePrfForLongerKeys()
    {
        var key = Hex(Smb30.SessionKey);
        var derived = Sp800108Kdf.DeriveKey(key, "L\0"u8, "C\0"u8, 512);
        byte[] Block(byte counter) => HMACSHA256.HashData(key, new byte[] { 0, 0, 0, counter, (byte)'L', 0, 0, (byte)'C', 0, 0, 0, 0x02, 0x00 });
        Assert.That(derived, Is.EqualTo(Block(1).Concat(Block(2)).ToArray()));
    }

    [Test]
    public void Smb311WithoutAPreauthHashIsRefused() =>
        Assert.That(() => SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, Hex(Smb311Gcm.SessionKey)), Throws.ArgumentException);

    private static void AssertKeys(SessionKeys keys, KeySet expected) => Assert.Multiple(() =>
    {
        Assert.That(Convert.ToHexString(keys.SessionKey), Is.EqualTo(expected.SessionKey));
        Assert.That(Convert.ToHexString(keys.SigningKey), Is.EqualTo(expected.SigningKey), "SigningKey");
        Assert.That(Convert.ToHexString(keys.EncryptionKey), Is.EqualTo(expected.EncryptionKey), "EncryptionKey");
        Assert.That(Convert.ToHexString(keys.DecryptionKey), Is.EqualTo(expected.DecryptionKey), "DecryptionKey");
        Assert.That(Convert.ToHexString(keys.ApplicationKey), Is.EqualTo(expected.ApplicationKey), "ApplicationKey");
    });
}
