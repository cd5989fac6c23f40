using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Teardown;

/// <summary>
/// Ends a session for <see cref="TeardownReason"/>: each open kept for a reconnect or closed as that
/// reason's rule says (<see cref="OpenPreservation"/>), its tree connects dropped, the session removed
/// from GlobalSessionTable and from every connection it was bound to (3.3.5.6, 3.3.7.1).
/// </summary>
internal static class SessionTeardown
{
    public static async Task RunAsync(ServerRuntime runtime, Session session, TeardownReason reason)
    {
        var server = runtime.Server;
        var isSmb3 = session.Connection.IsSmb3;
        foreach (var open in session.OpenTable.Values.ToList())
        {
            if (OpenPreservation.Preserves(server, open, reason))
            {
                session.OpenTable.TryRemove(open.FileId.Volatile, out _);
                OpenPreservation.Preserve(runtime, open, isSmb3);
            }
            else
            {
                await OpenCloser.CloseAsync(server, open).ConfigureAwait(false);
            }
        }
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
        // The session is freed: nothing may find it valid any more.
        session.State = SessionState.Expired;
    }
}
