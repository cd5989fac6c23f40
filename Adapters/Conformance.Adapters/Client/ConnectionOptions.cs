using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Client;

/// <summary>Settings of a client <see cref="Connection"/>. Every wait has a bound.</summary>
public sealed record ConnectionOptions
{
    public static ConnectionOptions Default { get; } = new();

    /// <summary>TCP connect and send bounds, maximum message size. Its Recorder is replaced by <see cref="Recorder"/>.</summary>
    public TransportOptions Transport { get; init; } = TransportOptions.Default;

    /// <summary>How long a request waits for its final response unless the request says otherwise. Default 10 s.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request waits for MessageIds in the SequenceWindow before failing with <see cref="ClientErrorKind.NoCredits"/>. Default 10 s.</summary>
    public TimeSpan CreditTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Credits the client asks for beyond what a request consumes until the window holds this many (3.2.4.1.2). Default 64.</summary>
    public int CreditTarget { get; init; } = 64;

    /// <summary>Frames shown in an error's "recent exchange". Default 12.</summary>
    public int ExchangeLinesInErrors { get; init; } = 12;

    /// <summary>The recorder of every frame; null: the connection makes its own (recording is always on).</summary>
    public FrameRecorder? Recorder { get; init; }

    /// <summary>Connection.ServerName (3.2.1.2); null: the host connected to.</summary>
    public string? ServerName { get; init; }

    /// <summary>The client (3.2.1.1) the connection belongs to; null: a client of its own, with a new ClientGuid.</summary>
    public ClientGlobal? Client { get; init; }
}
