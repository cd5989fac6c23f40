using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Events;

/// <summary>
/// SMB2 SERVER_TO_CLIENT_NOTIFICATION with SMB_NOTIFY_SESSION_CLOSED (current MS-SMB2 2.2.44.1,
/// 2.2.44.2): when a LOGOFF on one channel ends a 3.1.1 session that supports notifications, the
/// session's other channels are told, so a client learns it there without a failed request. One-way:
/// MessageId 0xFFFFFFFFFFFFFFFF, no credit, unsigned, encrypted when the session encrypts.
/// </summary>
internal static class SessionClosedNotification
{
    public static void SendToOtherChannels(ServerRuntime runtime, Session session, Connection loggingOff)
    {
        if (!session.SupportsNotifications)
        {
            return;
        }
        Connection[] others;
        lock (session.ChannelList)
        {
            others = [.. session.ChannelList.Where(channel => channel.Binding is null && channel.Connection != loggingOff).Select(channel => channel.Connection)];
        }
        foreach (var connection in others)
        {
            if (connection.Sender is not { } sender || !connection.SupportsNotifications)
            {
                continue;
            }
            var message = new Smb2Message(new Smb2Header
            {
                Command = Smb2Command.ServerToClientNotification,
                Flags = Smb2HeaderFlags.ServerToRedir,
                MessageId = ulong.MaxValue,
                SessionId = session.SessionId,
            }, ServerToClientNotification.SessionClosed());
            _ = SendAsync(runtime, sender, message, session.EncryptData ? session : null, connection);
        }
    }

    private static async Task SendAsync(ServerRuntime runtime, IServerInitiatedSender sender, Smb2Message message, Session? encryptFor, Connection connection)
    {
        if (!await sender.SendAsync(message, encryptFor).ConfigureAwait(false))
        {
            runtime.Log?.Invoke($"the SESSION_CLOSED notification could not be sent on {connection}");
        }
    }
}
