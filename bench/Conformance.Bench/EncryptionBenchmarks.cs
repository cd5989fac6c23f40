using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Bench;

/// <summary>Encryption and decryption of a 64 KiB message with each cipher.</summary>
[MemoryDiagnoser]
public class EncryptionBenchmarks
{
    private const int MessageSize = 64 * 1024;
    private readonly byte[] message = RandomNumberGenerator.GetBytes(MessageSize);
    private readonly byte[] transformed = new byte[MessageEncryption.TransformedLength(MessageSize)];
    private readonly byte[] decrypted = new byte[MessageSize];
    private readonly byte[] nonce = RandomNumberGenerator.GetBytes(16);
    private byte[] key = [];

    [Params(Cipher.Aes128Ccm, Cipher.Aes128Gcm, Cipher.Aes256Ccm, Cipher.Aes256Gcm)]
    public Cipher Cipher { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        key = RandomNumberGenerator.GetBytes(Cipher.KeySize());
        Encrypt64KiB();
    }

    [Benchmark]
    public void Encrypt64KiB() =>
        MessageEncryption.Encrypt(Cipher, key, 0x4000059, nonce.AsSpan(0, Cipher.NonceSize()), message, transformed);

    [Benchmark]
    public DecryptError? Decrypt64KiB() => MessageEncryption.Decrypt(Cipher, key, transformed, decrypted);
}
