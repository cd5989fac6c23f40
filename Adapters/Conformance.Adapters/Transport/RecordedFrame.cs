namespace Conformance.Adapters.Transport;

/// <summary>
/// One frame as it crossed the wire. <see cref="Bytes"/> is the SMB2 message without its Direct TCP
/// header, except when <see cref="Unframed"/>: then it is exactly the bytes a raw send wrote.
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
    public string ToHexDump() => HexDump.Format(Bytes.Span);
}
