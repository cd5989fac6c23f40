namespace Conformance.Adapters.Client;

/// <summary>A working open session: the connection, its authenticated session and (if a share was named) its tree connect.</summary>
public sealed class Smb2Client(Connection connection, Session session, TreeConnect? treeConnect) : IAsyncDisposable
{
    public Connection Connection { get; } = connection;

    /// <summary>The client (3.2.1.1) the connection belongs to.</summary>
    public ClientGlobal Client => Connection.Client;

    public Session Session { get; } = session;

    public TreeConnect? TreeConnect { get; } = treeConnect;

    /// <summary>The tree connect, or an exception saying no share was connected.</summary>
    public TreeConnect Tree => TreeConnect ?? throw new InvalidOperationException("no share was connected (Smb2ClientOptions.ShareName was null)");

    /// <summary>Closes the TCP connection (no LOGOFF: a scenario that wants one sends it).</summary>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    public override string ToString() => $"{Connection} {Session} {TreeConnect}";
}
