using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>Ends a session (LOGOFF 3.3.5.6, connection loss 3.3.7.1): closes its opens, drops its tree connects and removes it from the tables.</summary>
internal static class SessionTeardown
{
    public static async Task RunAsync(Server server, Session session)
    {
        await OpenCloser.CloseAllAsync(server, session).ConfigureAwait(false);
        session.TreeConnectTable.Clear();
        server.GlobalSessionTable.TryRemove(session.SessionId, out _);
        session.Connection.SessionTable.TryRemove(session.SessionId, out _);
        session.Connection.PreauthSessionTable.TryRemove(session.SessionId, out _);
        Channel[] channels;
        lock (session.ChannelList)
        {
            channels = [.. session.ChannelList];
            session.ChannelList.Clear();
        }
        foreach (var channel in channels)
        {
            channel.Connection.SessionTable.TryRemove(session.SessionId, out _);
            channel.Connection.PreauthSessionTable.TryRemove(session.SessionId, out _);
        }
        session.State = SessionState.Expired;
    }
}
