using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Tests.Transport;

internal static class Frames
{
    /// <summary>Deterministic, non-repeating-looking content, so a shifted or truncated copy cannot compare equal.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Short explicit bounds for tests: connect 800 ms (3 attempts, 20 ms apart), receive and send 800 ms.</summary>
    public static TransportOptions ShortTimeouts(FrameRecorder? recorder = null) => new()
    {
        Timeouts = new TransportTimeouts
        {
            Connect = TimeSpan.FromMilliseconds(800),
            Receive = TimeSpan.FromMilliseconds(800),
            Send = TimeSpan.FromMilliseconds(800),
        },
        ConnectRetryDelay = TimeSpan.FromMilliseconds(20),
        Recorder = recorder,
    };
}
