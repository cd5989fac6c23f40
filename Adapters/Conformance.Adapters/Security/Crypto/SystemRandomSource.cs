using System.Security.Cryptography;

namespace Conformance.Adapters.Security.Crypto;

/// <summary>Random bytes from <see cref="RandomNumberGenerator"/>.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static readonly SystemRandomSource Instance = new();

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
