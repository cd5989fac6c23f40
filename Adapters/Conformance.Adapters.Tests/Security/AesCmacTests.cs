using System.Security.Cryptography;
using Conformance.Adapters.Security;
using static Conformance.Adapters.Tests.Security.PublishedVectors;

namespace Conformance.Adapters.Tests.Security;

public class AesCmacTests
{
    // RFC 4493 section 4 (Test Vectors): key, the 64-byte message whose prefixes are the examples.
    private const string RfcKey = "2b7e1516 28aed2a6 abf71588 09cf4f3c";
    private const string RfcMessage =
        "6bc1bee2 2e409f96 e93d7e11 7393172a ae2d8a57 1e03ac9c 9eb76fac 45af8e51" +
        "30c81c46 a35ce411 e5fbc119 1a0a52ef f69f2445 df4f9b17 ad2b417b e66c3710";

    [Test]
    public void SubkeysAreThoseOfRfc4493()
    {
        using var cmac = new AesCmac(Hex(RfcKey));
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(cmac.K1), Is.EqualTo("FBEED618357133667C85E08F7236A8DE"));
            Assert.That(Convert.ToHexString(cmac.K2), Is.EqualTo("F7DDAC306AE266CCF90BC11EE46D513B"));
        });
    }

    // RFC 4493 Examples 1 to 4: the empty message (padded path), one whole block, a partial last
    // block (second subkey), four whole blocks.
    [TestCase(0, "bb1d6929 e9593728 7fa37d12 9b756746")]
    [TestCase(16, "070a16b4 6b4d4144 f79bdd9d d04a287c")]
    [TestCase(40, "dfa66747 de9ae630 30ca3261 1497c827")]
    [TestCase(64, "51f0bebf 7e3b9d92 fc497417 79363cfe")]
    public void Rfc4493Examples(int length, string expectedTag)
    {
        var tag = new byte[16];
        AesCmac.Compute(Hex(RfcKey), Hex(RfcMessage).AsSpan(0, length), tag);
        Assert.That(tag, Is.EqualTo(Hex(expectedTag)));
    }

    [Test]
    public void AppendingInTwoPiecesAtAnySplitGivesTheRfcTag()
    {
        var message = Hex(RfcMessage);
        using var cmac = new AesCmac(Hex(RfcKey));
        var tag = new byte[16];
        for (var split = 0; split <= message.Length; split++)
        {
            cmac.AppendData(message.AsSpan(0, split));
            cmac.AppendData(message.AsSpan(split));
            cmac.GetTag(tag);
            Assert.That(tag, Is.EqualTo(Hex("51f0bebf 7e3b9d92 fc497417 79363cfe")), $"split at {split}");
        }
    }

    [Test]
    public void AppendingByteByByteGivesTheRfcTag()
    {
        var message = Hex(RfcMessage).AsSpan(0, 40);
        using var cmac = new AesCmac(Hex(RfcKey));
        foreach (var b in message)
        {
            cmac.AppendData([b]);
        }
        var tag = new byte[16];
        cmac.GetTag(tag);
        Assert.That(tag, Is.EqualTo(Hex("dfa66747 de9ae630 30ca3261 1497c827")));
    }

    // Messages around and beyond the instance's chunk (16 KiB): compared with a block-at-a-time
    // reading of RFC 4493 2.4, in one piece and appended in 1000-byte pieces.
    [TestCase(17)]
    [TestCase(AesCmac.ChunkSize - 1)]
    [TestCase(AesCmac.ChunkSize)]
    [TestCase(AesCmac.ChunkSize + 1)]
    [TestCase(AesCmac.ChunkSize + 16)]
    [TestCase(2 * AesCmac.ChunkSize)]
    [TestCase(2 * AesCmac.ChunkSize + 5)]
    [TestCase(65536 + 5)]
    public void LongMessagesMatchABlockByBlockReference(int length)
    {
        var key = Hex(RfcKey);
        var message = new byte[length];
        new Random(length).NextBytes(message);
        var expected = ReferenceCmac(key, message);

        var tag = new byte[16];
        AesCmac.Compute(key, message, tag);
        Assert.That(tag, Is.EqualTo(expected), "one piece");

        using var cmac = new AesCmac(key);
        for (var offset = 0; offset < length; offset += 1000)
        {
            cmac.AppendData(message.AsSpan(offset, Math.Min(1000, length - offset)));
        }
        cmac.GetTag(tag);
        Assert.That(tag, Is.EqualTo(expected), "1000-byte pieces");
    }

    [Test]
    public void TheInstanceResetsAfterEachTag()
    {
        using var cmac = new AesCmac(Hex(RfcKey));
        var first = new byte[16];
        var second = new byte[16];
        cmac.Compute(Hex(RfcMessage).AsSpan(0, 40), first);
        cmac.Compute(Hex(RfcMessage).AsSpan(0, 40), second);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Is.EqualTo(Hex("dfa66747 de9ae630 30ca3261 1497c827")));
    }

    [Test]
    public void ATrailingZeroIsADifferentMessage()
    {
        var key = Hex(RfcKey);
        var a = new byte[16];
        var b = new byte[16];
        AesCmac.Compute(key, [1, 2, 3], a);
        AesCmac.Compute(key, [1, 2, 3, 0], b);
        Assert.That(a, Is.Not.EqualTo(b));
    }

    /// <summary>RFC 4493 2.4 written out one block at a time with single-block AES, independent of AesCmac.</summary>
    private static byte[] ReferenceCmac(byte[] key, byte[] message)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        byte[] Encrypt(byte[] block) => aes.EncryptEcb(block, PaddingMode.None);
        byte[] Dbl(byte[] x)
        {
            var r = new byte[16];
            for (var i = 0; i < 16; i++)
            {
                r[i] = (byte)((x[i] << 1) | (i < 15 ? x[i + 1] >> 7 : 0));
            }
            if ((x[0] & 0x80) != 0)
            {
                r[15] ^= 0x87;
            }
            return r;
        }
        var k1 = Dbl(Encrypt(new byte[16]));
        var k2 = Dbl(k1);
        var n = Math.Max(1, (message.Length + 15) / 16);
        var complete = message.Length > 0 && message.Length % 16 == 0;
        var x = new byte[16];
        for (var i = 0; i < n - 1; i++)
        {
            var y = new byte[16];
            for (var j = 0; j < 16; j++)
            {
                y[j] = (byte)(x[j] ^ message[i * 16 + j]);
            }
            x = Encrypt(y);
        }
        var last = new byte[16];
        var rest = message.Length - (n - 1) * 16;
        Array.Copy(message, (n - 1) * 16, last, 0, rest);
        if (!complete)
        {
            last[rest] = 0x80;
        }
        var subkey = complete ? k1 : k2;
        for (var j = 0; j < 16; j++)
        {
            last[j] = (byte)(last[j] ^ subkey[j] ^ x[j]);
        }
        return Encrypt(last);
    }
}
