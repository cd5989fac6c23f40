using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>CANCEL (3.2.4.24) and the oplock and lease break exchange (3.2.5.19, 3.2.4.25, 3.2.4.26).</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Cancels <paramref name="target"/>: by AsyncId (SMB2_FLAGS_ASYNC_COMMAND) once an interim response
    /// gave one, by its MessageId otherwise. CANCEL takes no MessageId and gets no response (3.2.4.24);
    /// the target's own response (STATUS_CANCELLED, usually) completes it.
    /// </summary>
    public Task CancelAsync(PendingRequest target, CancellationToken cancellationToken = default) =>
        CancelAsync(target.MessageId, target.AsyncId, target.Message.Header.SessionId, target.Message.Header.TreeId, cancellationToken);

    /// <summary>CANCEL with the given MessageId, or AsyncId when one is given.</summary>
    public async Task CancelAsync(ulong messageId, ulong? asyncId, ulong sessionId = 0, uint treeId = 0, CancellationToken cancellationToken = default)
    {
        var message = Smb2Message.For(new CancelRequest());
        message.Header.MessageId = messageId;
        message.Header.SessionId = sessionId;
        if (asyncId is { } id)
        {
            message.Header.Flags |= Smb2HeaderFlags.AsyncCommand;
            message.Header.AsyncId = id;
        }
        else
        {
            message.Header.TreeId = treeId;
        }
        await PostAsync([new Smb2Request(message) { MessageId = messageId, CreditRequest = 0 }], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next server notification that came on this connection, read as whichever OPLOCK_BREAK form it is (Oplock Break Notification or Lease Break Notification).</summary>
    public async Task<(Smb2Response Response, DecodeResult<IOplockBreakBody> Body)> WaitForBreakNotificationAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var notification = await Client.Breaks.WaitScopedAsync(timeout, null, "an OPLOCK_BREAK notification", this, cancellationToken).ConfigureAwait(false);
        return (notification.Response, notification.Body);
    }

    /// <summary>
    /// Oplock Break Acknowledgment (2.2.24.1) for <paramref name="open"/> at <paramref name="oplockLevel"/>
    /// (any level; nothing is checked); the Oplock Break Response (24) or ERROR comes back. Open.OplockLevel
    /// takes the response's level, or NONE when the acknowledgment failed (3.2.5.19.3).
    /// </summary>
    public Task<Smb2Response<OplockBreakResponse>> OplockBreakAcknowledgmentAsync(Open open, OplockLevel oplockLevel, CancellationToken cancellationToken = default) =>
        SendProcessedAsync<OplockBreakResponse>(new OplockBreakAcknowledgment { FileId = open.FileId, OplockLevel = oplockLevel },
            open.TreeConnect.Session, open.TreeConnect, response =>
            {
                if (response is { IsSuccess: true, Body: { } body })
                {
                    open.OplockLevel = body.OplockLevel;
                }
                else if (!response.IsSuccess)
                {
                    open.OplockLevel = OplockLevel.None;
                }
            }, open.FileId, cancellationToken: cancellationToken);

    /// <summary>
    /// Lease Break Acknowledgment (2.2.24.2) of <paramref name="leaseKey"/> at <paramref name="leaseState"/>
    /// (any key and state; nothing is checked), on any tree of the session. On success the client's lease
    /// of that key takes the response's LeaseState and is no longer breaking.
    /// </summary>
    public Task<Smb2Response<LeaseBreakResponse>> LeaseBreakAcknowledgmentAsync(TreeConnect tree, Guid leaseKey, LeaseState leaseState, CancellationToken cancellationToken = default) =>
        SendProcessedAsync<LeaseBreakResponse>(new LeaseBreakAcknowledgment { LeaseKey = leaseKey, LeaseState = leaseState }, tree.Session, tree, response =>
        {
            if (response is { IsSuccess: true, Body: { } body } && Client.GlobalFileTable.TryGetValue(body.LeaseKey, out var lease))
            {
                lease.Acknowledged(body.LeaseState);
            }
        }, cancellationToken: cancellationToken);

    /// <summary>
    /// 3.2.5.19 for a notification that came on this connection: its signature checked when signed,
    /// its body read, what it names looked up (3.2.5.19.1: the open by FileId; 3.2.5.19.2: the lease by
    /// LeaseKey, whose state it updates), then into the client's inbox. Nothing is acknowledged here.
    /// </summary>
    private void DeliverBreak(Smb2Response response)
    {
        if (!response.WasEncrypted && response.Header.IsSigned)
        {
            response.Signature = VerifyBreakSignature(response);
        }
        var body = OplockBreak.Read(response.Bytes);
        Open? open = null;
        Lease? lease = null;
        switch (body.Value)
        {
            case OplockBreakNotification oplock:
                open = FindOpen(oplock.FileId);
                break;
            case LeaseBreakNotification leaseBreak when Client.GlobalFileTable.TryGetValue(leaseBreak.LeaseKey, out var found):
                lease = found;
                lease.BreakNotified(leaseBreak);
                break;
        }
        Client.Breaks.Deliver(new BreakNotification(this, response, body) { Open = open, Lease = lease });
    }

    /// <summary>The open with <paramref name="fileId"/> in a Session.OpenTable of this connection, else of another connection of the client.</summary>
    private Open? FindOpen(FileId fileId)
    {
        foreach (var connection in Client.ConnectionTable.Prepend(this))
        {
            foreach (var session in connection.SessionTable.Values)
            {
                if (session.OpenTable.TryGetValue(fileId, out var open))
                {
                    return open;
                }
            }
        }
        return null;
    }
}
