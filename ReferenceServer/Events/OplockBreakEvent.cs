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
internal sealed class OplockBreakEvent(ServerRuntime runtime)
{
    public void Indicate(OplockBreakIndication indication)
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
        var connection = BreakNotificationDelivery.ConnectionFor(open);
        if (connection is null)
        {
            // No connection to tell: the SHOULD of 3.3.4.6 closes the open, which ends the break.
            if (!open.IsResilient && !open.IsPersistent)
            {
                _ = OpenCloser.CloseInBackgroundAsync(runtime.Server, open, runtime.Log, "its oplock break");
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
        var notification = BreakNotificationDelivery.Notification(new OplockBreakNotification
        {
            OplockLevel = newLevel,
            FileId = new FileId(open.DurableFileId.Persistent, open.FileId.Volatile),
        });
        _ = SendAsync(open, notification);
    }

    private async Task SendAsync(Open open, Smb2Message notification)
    {
        if (!await BreakNotificationDelivery.SendAsync([open], notification).ConfigureAwait(false))
        {
            runtime.Log?.Invoke($"the oplock break of {open} could not be sent on any connection; the acknowledgment timer will end it");
        }
    }
}
