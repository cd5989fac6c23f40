using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Events;

/// <summary>
/// How a break notification reaches its client (3.3.4.6, 3.3.4.7): on the open's connection, or at
/// 3.x another channel of its session when that connection is gone; unsigned (SHOULD NOT be signed),
/// encrypted when the open's session or share must be; a send that fails tries the next connection.
/// </summary>
internal static class BreakNotificationDelivery
{
    /// <summary>The message around a break notification's body: Command OPLOCK_BREAK, MessageId 0xFFFFFFFFFFFFFFFF, SessionId and TreeId 0.</summary>
    public static Smb2Message Notification(IMessageBody body) => new(new Smb2Header
    {
        Command = Smb2Command.OplockBreak,
        Flags = Smb2HeaderFlags.ServerToRedir,
        MessageId = ulong.MaxValue,
        SessionId = 0,
        TreeId = 0,
    }, body);

    /// <summary>The connection a break for <paramref name="open"/> goes on: its own, else (3.x) another channel of its session; null when none is left.</summary>
    public static Connection? ConnectionFor(Open open)
    {
        if (open.Connection is { } connection)
        {
            return connection;
        }
        if (open.Session is not { } session || !session.Connection.IsSmb3)
        {
            return null;
        }
        lock (session.ChannelList)
        {
            return session.ChannelList.Find(channel => channel.Binding is null)?.Connection;
        }
    }

    /// <summary>
    /// Sends <paramref name="notification"/> for the first of <paramref name="opens"/> whose connection
    /// takes it, each open's session's other channels tried after its own connection; false when none did.
    /// </summary>
    public static async Task<bool> SendAsync(IReadOnlyList<Open> opens, Smb2Message notification)
    {
        var tried = new HashSet<Connection>();
        foreach (var open in opens)
        {
            var session = open.Session;
            var encryptFor = session is not null && (session.EncryptData || open.Share.EncryptData) ? session : null;
            foreach (var candidate in Candidates(open))
            {
                if (tried.Add(candidate) && candidate.Sender is { } sender && await sender.SendAsync(notification, encryptFor).ConfigureAwait(false))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Connection> Candidates(Open open)
    {
        var candidates = new List<Connection>();
        if (open.Connection is { } connection)
        {
            candidates.Add(connection);
        }
        if (open.Session is { } session)
        {
            lock (session.ChannelList)
            {
                candidates.AddRange(session.ChannelList.Where(channel => channel.Binding is null && channel.Connection != open.Connection).Select(channel => channel.Connection));
            }
        }
        return candidates;
    }
}
