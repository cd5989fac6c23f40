namespace Conformance.Adapters.Wire;

/// <summary>
/// The part of an SMB2 message after the 64-byte header. A body computes its own lengths and
/// offsets when it is written; nullable override properties (StructureSize, XxxOffset, XxxLength,
/// XxxCount) let a scenario write any other value instead. Offsets on the wire count from the start
/// of the header, so the body's first byte is at offset <see cref="Smb2Header.Size"/>.
/// </summary>
public interface IMessageBody
{
    Smb2Command Command { get; }

    /// <summary>Bytes the body occupies when written (its natural layout, trailing padding excluded).</summary>
    int Size { get; }

    /// <summary>Writes exactly <see cref="Size"/> bytes.</summary>
    void WriteTo(Span<byte> destination);
}

/// <summary>A body that can be read from received bytes.</summary>
public interface IMessageBody<TSelf> : IMessageBody where TSelf : class, IMessageBody<TSelf>
{
    /// <summary>
    /// Validates, then reads, the body of <paramref name="message"/>: the whole message slice,
    /// header included (offsets are checked against this slice, never against a larger buffer).
    /// Never throws on bad input.
    /// </summary>
    static abstract DecodeResult<TSelf> Read(ReadOnlyMemory<byte> message);
}
