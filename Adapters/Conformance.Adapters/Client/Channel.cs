namespace Conformance.Adapters.Client;

/// <summary>
/// A channel of a session (3.2.1.8 Per Channel): a connection the session is bound to, with the
/// signing key used on it. The session's first connection is a channel whose key is Session.SigningKey;
/// a binding (3.2.5.3.1, 3.2.5.3.2) adds one with a key derived from the binding's own authentication.
/// </summary>
public sealed class Channel(Connection connection, byte[] signingKey)
{
    /// <summary>Channel.Connection.</summary>
    public Connection Connection { get; } = connection;

    /// <summary>Channel.SigningKey.</summary>
    public byte[] SigningKey { get; internal set; } = signingKey;

    public override string ToString() => $"channel on {Connection.Transport.Connection}";
}
