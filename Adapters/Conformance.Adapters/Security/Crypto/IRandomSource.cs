namespace Conformance.Adapters.Security.Crypto;

/// <summary>Where challenges and session keys come from: the system's CSPRNG, or a fixed source in tests.</summary>
public interface IRandomSource
{
    void Fill(Span<byte> destination);
}
