namespace Conformance.Adapters.Transport;

/// <summary>Settings of a <see cref="DirectTcpTransport"/>; the defaults suit a server on a local network.</summary>
public sealed record TransportOptions
{
    /// <summary>
    /// 16 MiB + 64 KiB. The 24-bit StreamProtocolLength of MS-SMB2 2.1 cannot exceed 16 MiB - 1, so
    /// with this default only a header whose Zero byte is set can exceed the limit. Servers accept
    /// messages up to the negotiated maximum sizes (MS-SMB2 3.3.5.2); the client's limit is ours.
    /// </summary>
    public const int DefaultMaxMessageSize = 16 * 1024 * 1024 + 64 * 1024;

    public static TransportOptions Default { get; } = new();

    public TransportTimeouts Timeouts { get; init; } = TransportTimeouts.Default;

    /// <summary>Largest message a received Direct TCP header may announce; a larger one is an <see cref="TransportErrorKind.OversizeFrame"/> error.</summary>
    public int MaxMessageSize { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxMessageSize), value, "must be positive"); } = DefaultMaxMessageSize;

    /// <summary>TCP connect attempts (never protocol requests), all within <see cref="TransportTimeouts.Connect"/>. Default 3.</summary>
    public int ConnectAttempts { get; init => field = value is >= 1 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(ConnectAttempts), value, "must lie between 1 and 10"); } = 3;

    /// <summary>Delay before the first connect retry, doubled before each further one. Default 100 ms.</summary>
    public TimeSpan ConnectRetryDelay { get; init => field = value >= TimeSpan.Zero && value <= TimeSpan.FromSeconds(10) ? value : throw new ArgumentOutOfRangeException(nameof(ConnectRetryDelay), value, "must lie between 0 and 10 s"); } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// From this message size on, received messages are read into buffers rented from
    /// <see cref="System.Buffers.ArrayPool{T}.Shared"/>; a reader that is done with such a message may
    /// hand it back with <see cref="DirectTcpTransport.ReturnReceived"/> (one it keeps is simply
    /// collected). Default: never (every message gets its own array).
    /// </summary>
    public int PooledReceiveMinimum { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(PooledReceiveMinimum), value, "must be positive"); } = int.MaxValue;

    /// <summary>Null: Direct TCP (MS-SMB2 2.1). Set: the NetBIOS session service (RFC 1002) with these names.</summary>
    public NetBiosSessionOptions? NetBios { get; init; }

    /// <summary>Records every frame sent and received, if set.</summary>
    public FrameRecorder? Recorder { get; init; }
}
