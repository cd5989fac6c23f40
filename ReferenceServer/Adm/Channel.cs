namespace Conformance.ReferenceServer.Adm;

/// <summary>A connection a session is bound to and the key that signs on it (MS-SMB2 3.3.1.14 Channel).</summary>
public sealed class Channel(Connection connection, byte[]? signingKey)
{
    public Connection Connection { get; } = connection;

    /// <summary>Null while a binding is in progress: its interim responses are signed with Session.SigningKey (3.3.5.5.3).</summary>
    public byte[]? SigningKey { get; set; } = signingKey;

    /// <summary>The GSS exchange of a binding still in progress on <see cref="Connection"/>; null once the channel is established.</summary>
    public GssExchange? Binding { get; set; }
}
