namespace Conformance.Adapters.Transport;

/// <summary>
/// One frame as it crossed the wire. <see cref="Bytes"/> is the SMB2 message without its Direct TCP
/// header, except when <see cref="Unframed"/>: then it is exactly the bytes a raw send wrote.
/// A recorder with a per-frame bound keeps only the first bytes of a larger frame: then
/// <see cref="Length"/> is the frame's real length and <see cref="IsTruncated"/> is true.
/// </summary>
/// <param name="Sequence">Position in the recorder, from 0.</param>
/// <param name="UtcTimestamp">Wall-clock time of the recording.</param>
/// <param name="StopwatchTimestamp">Monotonic <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> of the recording.</param>
/// <param name="Connection">The transport's description of its connection ("local → remote").</param>
public sealed record RecordedFrame(
    long Sequence,
    DateTime UtcTimestamp,
    long StopwatchTimestamp,
    FrameDirection Direction,
    bool Unframed,
    string Connection,
    ReadOnlyMemory<byte> Bytes)
{
    /// <summary>Bytes that crossed the wire: <see cref="Bytes"/>'s length unless the recorder kept only a prefix.</summary>
    public int Length
    {
        get;
        init => field = value >= Bytes.Length ? value : throw new ArgumentOutOfRangeException(nameof(Length), value, $"cannot be less than the {Bytes.Length} bytes kept");
    } = Bytes.Length;

    /// <summary>True when <see cref="Bytes"/> is only the first part of the frame.</summary>
    public bool IsTruncated => Length > Bytes.Length;

    public string ToHexDump() => HexDump.Format(Bytes.Span);
}
