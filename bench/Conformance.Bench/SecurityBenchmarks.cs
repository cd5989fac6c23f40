using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Bench;

/// <summary>
/// Signing of a 64 KiB message, and AES-CMAC against raw AES-ECB over the same
/// bytes (the baseline: CMAC is CBC-MAC, one AES block operation per 16 bytes, like ECB).
/// </summary>
[MemoryDiagnoser]
public class SecurityBenchmarks
{
    private const int MessageSize = 64 * 1024;
    private readonly byte[] key = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] message = new byte[MessageSize];
    private readonly byte[] ecbOutput = new byte[MessageSize];
    private readonly byte[] tag = new byte[16];
    private readonly byte[] iv = new byte[16];
    private Aes aes = null!;
    private AesCmac cmac = null!;
    private MessageSigner hmacSigner = null!;
    private MessageSigner cmacSigner = null!;
    private MessageSigner gmacSigner = null!;

    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(message);
        new Smb2Header { Command = Smb2Command.Write, MessageId = 42 }.WriteTo(message);
        aes = Aes.Create();
        aes.Key = key;
        cmac = new AesCmac(key);
        hmacSigner = new MessageSigner(SigningAlgorithm.HmacSha256, key);
        cmacSigner = new MessageSigner(SigningAlgorithm.AesCmac, key);
        gmacSigner = new MessageSigner(SigningAlgorithm.AesGmac, key);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        aes.Dispose();
        cmac.Dispose();
        hmacSigner.Dispose();
        cmacSigner.Dispose();
        gmacSigner.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int AesEcb64KiB() => aes.EncryptEcb(message, ecbOutput, PaddingMode.None);

    /// <summary>AES-CBC over the same bytes: the serial chain CMAC is built on, its fair floor.</summary>
    [Benchmark]
    public int AesCbc64KiB() => aes.EncryptCbc(message, iv, ecbOutput, PaddingMode.None);

    [Benchmark]
    public byte[] AesCmac64KiB()
    {
        cmac.Compute(message, tag);
        return tag;
    }

    [Benchmark]
    public void SignHmacSha256() => hmacSigner.ComputeSignature(message, tag);

    [Benchmark]
    public void SignAesCmac() => cmacSigner.ComputeSignature(message, tag);

    [Benchmark]
    public void SignAesGmac() => gmacSigner.ComputeSignature(message, tag);
}
