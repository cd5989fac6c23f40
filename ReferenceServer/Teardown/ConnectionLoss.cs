using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Teardown;

/// <summary>
/// Handling loss of a connection (3.3.7.1): its pending requests are cancelled; a 3.x session bound
/// to other connections only loses this channel, and the opens that used it move to a remaining one;
/// any other session ends as a connection loss (<see cref="TeardownReason.ConnectionLoss"/>).
/// </summary>
internal static class ConnectionLoss
{
    public static async Task RunAsync(ServerRuntime runtime, Connection connection)
    {
        foreach (var request in connection.RequestList.Values)
        {
            await request.Cancellation.CancelAsync().ConfigureAwait(false);
        }
        foreach (var session in connection.SessionTable.Values)
        {
            Channel? remaining;
            lock (session.ChannelList)
            {
                session.ChannelList.RemoveAll(channel => channel.Connection == connection);
                remaining = session.ChannelList.Find(channel => channel.Binding is null);
            }
            if (remaining is not null && connection.IsSmb3)
            {
                if (session.Connection == connection)
                {
                    session.Connection = remaining.Connection;
                }
                foreach (var open in session.OpenTable.Values.Where(open => open.Connection == connection))
                {
                    open.Connection = remaining.Connection;
                }
                continue;
            }
            await SessionTeardown.RunAsync(runtime, session, TeardownReason.ConnectionLoss).ConfigureAwait(false);
        }
        connection.SessionTable.Clear();
        connection.PreauthSessionTable.Clear();
        runtime.Server.ConnectionList.TryRemove(connection, out _);
    }
}
