using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>What happens when a connection goes (3.3.7.1): its pending requests end, its sessions and their opens are closed.</summary>
internal static class ConnectionTeardown
{
    public static async Task RunAsync(Server server, Connection connection)
    {
        foreach (var request in connection.RequestList.Values)
        {
            await request.Cancellation.CancelAsync().ConfigureAwait(false);
        }
        foreach (var session in connection.SessionTable.Values)
        {
            // 3.3.7.1: a session bound to other connections loses only this channel.
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
                continue;
            }
            await SessionTeardown.RunAsync(server, session).ConfigureAwait(false);
        }
        connection.SessionTable.Clear();
        connection.PreauthSessionTable.Clear();
        server.ConnectionList.TryRemove(connection, out _);
    }
}
