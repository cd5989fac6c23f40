using Conformance.Adapters.Security.Crypto;

namespace Conformance.Adapters.Tests.Security;

/// <summary>Hands out the given byte strings in order, one per <see cref="Fill"/>; each must fit the request exactly.</summary>
public sealed class FixedRandomSource(params byte[][] values) : IRandomSource
{
    private readonly Queue<byte[]> values = new(values);

    public void Fill(Span<byte> destination)
    {
        var next = values.Dequeue();
        if (next.Length != destination.Length)
        {
            throw new InvalidOperationException($"asked for {destination.Length} random bytes, the next fixed value has {next.Length}");
        }
        next.CopyTo(destination);
    }
}
