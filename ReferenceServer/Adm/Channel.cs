namespace Conformance.ReferenceServer.Adm;

/// <summary>A connection a session is bound to and the key that signs on it (MS-SMB2 3.3.1.14 Channel).</summary>
public sealed class Channel(Connection connection, byte[]? signingKey)
{
    public Connection Connection { get; } = connection;
    public byte[]? SigningKey { get; set; } = signingKey;
}
