using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;
using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Events;

/// <summary>
/// Object store indicates an oplock break (3.3.4.6): finds the open, picks a connection for it, and
/// sends the Oplock Break Notification (2.2.23.1) through that connection's sender; a break that needs
/// an acknowledgment leaves the open Breaking with the acknowledgment timer started (3.3.2.1).
/// </summary>
internal sealed class OplockBreakEvent(ServerRuntime runtime) : IOplockBreakSink
{
    public void IndicateBreak(OplockBreakIndication indication)
    {
        var localOpen = indication.BreakingOplockOpen;
        // "walking the GlobalOpenTable to find an entry whose Open.LocalOpen matches"
        var open = runtime.Server.GlobalOpenTable.Values.FirstOrDefault(candidate => candidate.LocalOpen == localOpen);
        if (open is null)
        {
            // Ignored, and completed at none.
            if (indication.AcknowledgeRequired)
            {
                localOpen.File.AcknowledgeOplockBreak(localOpen, OplockLevelGrant.None);
            }
            return;
        }
        var connection = open.Connection ?? AlternateChannel(open);
        if (connection is null)
        {
            // No connection to tell: the SHOULD of 3.3.4.6 closes the open, which ends the break.
            if (!open.IsResilient && !open.IsPersistent)
            {
                _ = CloseAsync(open);
            }
            return;
        }
        open.Connection = connection;
        var newLevel = indication.NewOplockLevel.Type == OplockType.LevelTwo ? OplockLevel.II : OplockLevel.None;
        if (indication.AcknowledgeRequired)
        {
            open.OplockState = OplockState.Breaking;
            open.OplockTimeout = runtime.Clock.GetUtcNow() + runtime.Server.OplockBreakTimeout;
            runtime.OplockBreakAcknowledgmentTimer.Start(open.OplockTimeout.Value);
        }
        else
        {
            // A level II oplock broken to none: the object store expects no acknowledgment (MS-FSA
            // 2.1.5.17.3) and the client must send none (2.2.24.1), so nothing is left Breaking.
            open.OplockLevel = OplockLevel.None;
            open.OplockState = OplockState.None;
        }
        var notification = new Smb2Message(new Smb2Header
        {
            Command = Smb2Command.OplockBreak,
            Flags = Smb2HeaderFlags.ServerToRedir,
            MessageId = ulong.MaxValue,
            SessionId = 0,
            TreeId = 0,
        }, new OplockBreakNotification
        {
            OplockLevel = newLevel,
            FileId = new FileId(open.DurableFileId.Persistent, open.FileId.Volatile),
        });
        _ = SendAsync(open, connection, notification);
    }

    /// <summary>3.3.4.6: for a 3.x open whose connection is gone, another channel of its session.</summary>
    private static Connection? AlternateChannel(Open open)
    {
        if (open.Session is not { } session || !session.Connection.IsSmb3)
        {
            return null;
        }
        lock (session.ChannelList)
        {
            return session.ChannelList.Find(channel => channel.Binding is null)?.Connection;
        }
    }

    /// <summary>Sends unsigned (SHOULD NOT be signed), encrypted when the open's session or share must be; a failed send tries the session's other channels.</summary>
    private async Task SendAsync(Open open, Connection connection, Smb2Message notification)
    {
        var session = open.Session;
        var encryptFor = session is not null && (session.EncryptData || open.Share.EncryptData) ? session : null;
        var candidates = new List<Connection> { connection };
        if (session is not null)
        {
            lock (session.ChannelList)
            {
                candidates.AddRange(session.ChannelList.Where(channel => channel.Binding is null && channel.Connection != connection).Select(channel => channel.Connection));
            }
        }
        foreach (var candidate in candidates)
        {
            if (candidate.Sender is { } sender && await sender.SendAsync(notification, encryptFor).ConfigureAwait(false))
            {
                return;
            }
        }
        runtime.Log?.Invoke($"the oplock break of {open} could not be sent on any connection; the acknowledgment timer will end it");
    }

    private async Task CloseAsync(Open open)
    {
        try
        {
            await OpenCloser.CloseAsync(runtime.Server, open).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a failed close is logged; the break it would have ended times out instead
        catch (Exception e)
#pragma warning restore CA1031
        {
            runtime.Log?.Invoke($"closing {open} for its oplock break failed: {e}");
        }
    }
}
