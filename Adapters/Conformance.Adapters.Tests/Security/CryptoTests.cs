using System.Text;
using Conformance.Adapters.Security.Crypto;

namespace Conformance.Adapters.Tests.Security;

public class CryptoTests
{
    // RFC 1320 A.5, the MD4 test suite.
    [TestCase("", "31d6cfe0d16ae931b73c59d7e0c089c0")]
    [TestCase("a", "bde52cb31de33e46245e05fbdbd6fb24")]
    [TestCase("abc", "a448017aaf21d8525fc10ae87aa6729d")]
    [TestCase("message digest", "d9130a8164549fe818874806e1c7014b")]
    [TestCase("abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9")]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4")]
    [TestCase("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "e33b4ddc9c38f2199c3e7b164fcc0536")]
    public void Md4MatchesTheRfc1320TestSuite(string input, string expectedHex)
    {
        Assert.That(Convert.ToHexStringLower(Md4.Hash(Encoding.ASCII.GetBytes(input))), Is.EqualTo(expectedHex));
    }

    // RFC 6229 section 2, key 0x0102030405: the keystream at offsets 0 and 16.
    [Test]
    public void Rc4MatchesRfc6229Key0102030405()
    {
        var keystream = Rc4.Transform([1, 2, 3, 4, 5], new byte[32]);
        Assert.That(Convert.ToHexStringLower(keystream), Is.EqualTo("b2396305f03dc027ccc3524a0a1118a8" + "6982944f18fc82d589c403a47a0d0919"));
    }

    [Test]
    public void Rc4KeepsItsKeystreamPositionAcrossCalls()
    {
        var whole = Rc4.Transform([1, 2, 3, 4, 5], new byte[32]);
        var cipher = new Rc4([1, 2, 3, 4, 5]);
        var first = new byte[10];
        var second = new byte[22];
        cipher.Transform(new byte[10], first);
        cipher.Transform(new byte[22], second);
        Assert.That(first.Concat(second), Is.EqualTo(whole));
    }
}
