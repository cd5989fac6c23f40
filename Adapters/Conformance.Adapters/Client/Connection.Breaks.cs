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

    /// <summary>The next server notification, read as whichever OPLOCK_BREAK form it is (Oplock Break Notification or Lease Break Notification).</summary>
    public async Task<(Smb2Response Response, DecodeResult<IOplockBreakBody> Body)> WaitForBreakNotificationAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var response = await WaitForBreakAsync(timeout, cancellationToken).ConfigureAwait(false);
        return (response, OplockBreak.Read(response.Bytes));
    }

    /// <summary>Oplock Break Acknowledgment (2.2.24.1) for <paramref name="open"/> at <paramref name="oplockLevel"/>; the Oplock Break Response (24) or ERROR comes back.</summary>
    public async Task<Smb2Response<OplockBreakResponse>> OplockBreakAcknowledgmentAsync(Open open, OplockLevel oplockLevel, CancellationToken cancellationToken = default)
    {
        var response = await SendTypedAsync<OplockBreakResponse>(new OplockBreakAcknowledgment { FileId = open.FileId, OplockLevel = oplockLevel },
            open.TreeConnect.Session, open.TreeConnect, open.FileId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response is { IsSuccess: true, Body: { } body })
        {
            open.OplockLevel = body.OplockLevel;
        }
        return response;
    }

    /// <summary>Lease Break Acknowledgment (2.2.24.2) of <paramref name="leaseKey"/> at <paramref name="leaseState"/>, on any tree of the session.</summary>
    public async Task<Smb2Response<LeaseBreakResponse>> LeaseBreakAcknowledgmentAsync(TreeConnect tree, Guid leaseKey, LeaseState leaseState, CancellationToken cancellationToken = default)
    {
        var response = await SendTypedAsync<LeaseBreakResponse>(new LeaseBreakAcknowledgment { LeaseKey = leaseKey, LeaseState = leaseState },
            tree.Session, tree, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response is { IsSuccess: true, Body: { } body })
        {
            foreach (var open in tree.Session.OpenTable.Values)
            {
                if (open.Lease is { } lease && lease.LeaseKey == body.LeaseKey)
                {
                    lease.LeaseState = body.LeaseState;
                }
            }
        }
        return response;
    }
}
