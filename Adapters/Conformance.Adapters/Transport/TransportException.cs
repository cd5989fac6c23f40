namespace Conformance.Adapters.Transport;

/// <summary>A transport failure: its <see cref="Kind"/> and a message naming the peer, what was awaited and for how long.</summary>
public sealed class TransportException : Exception
{
    public TransportException(TransportErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public TransportErrorKind Kind { get; }

    /// <summary>For <see cref="TransportErrorKind.SessionRefused"/>: the NetBIOS session packet the peer answered with, header included (empty when it closed instead).</summary>
    public ReadOnlyMemory<byte> SessionResponse { get; init; }
}
