namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// An information-class structure of MS-FSCC 2.4 / 2.5 carried in a QUERY_INFO, SET_INFO or
/// QUERY_DIRECTORY buffer: <see cref="Size"/> bytes in its natural layout, lengths computed unless
/// an override property gives another value.
/// </summary>
public interface IInfoClass
{
    int Size { get; }

    /// <summary>Writes exactly <see cref="Size"/> bytes.</summary>
    void WriteTo(Span<byte> destination);
}

/// <summary>An information-class structure that can be read from received bytes.</summary>
public interface IInfoClass<TSelf> : IInfoClass where TSelf : class, IInfoClass<TSelf>
{
    /// <summary>
    /// Validates, then reads, the structure at the start of <paramref name="buffer"/>; bytes after
    /// the structure are not part of it. Error offsets count from the start of the buffer. Never throws on bad input.
    /// </summary>
    static abstract DecodeResult<TSelf> Read(ReadOnlyMemory<byte> buffer);
}

public static class InfoClassExtensions
{
    /// <summary>The structure's bytes, as a SET_INFO Buffer or a QUERY_INFO OutputBuffer carries them.</summary>
    public static byte[] ToBytes(this IInfoClass structure)
    {
        var bytes = new byte[structure.Size];
        structure.WriteTo(bytes);
        return bytes;
    }
}
