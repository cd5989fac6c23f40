namespace Conformance.Adapters.Transport;

/// <summary>
/// Bounds on every wait of a <see cref="DirectTcpTransport"/>. Each lies between 10 ms and one day;
/// there is no infinite wait.
/// </summary>
public sealed record TransportTimeouts
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Maximum = TimeSpan.FromDays(1);

    /// <summary>Connect 5 s (all attempts together), receive 10 s, send 10 s.</summary>
    public static TransportTimeouts Default { get; } = new();

    /// <summary>Total bound on establishing the TCP connection, retries and their delays included. Default 5 s.</summary>
    public TimeSpan Connect { get; init => field = Checked(value, nameof(Connect)); } = TimeSpan.FromSeconds(5);

    /// <summary>How long a receive waits for the next frame (a response, usually). Default 10 s.</summary>
    public TimeSpan Receive { get; init => field = Checked(value, nameof(Receive)); } = TimeSpan.FromSeconds(10);

    /// <summary>How long a send waits for the peer to take the bytes. Default 10 s.</summary>
    public TimeSpan Send { get; init => field = Checked(value, nameof(Send)); } = TimeSpan.FromSeconds(10);

    internal static TimeSpan Checked(TimeSpan value, string name) =>
        value >= Minimum && value <= Maximum
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} timeout must lie between {Minimum} and {Maximum}");
}
