using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>Re-establishing a durable open (3.2.4.4) and receiving its CREATE Response (3.2.5.8).</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Reestablishes <paramref name="open"/> on <paramref name="tree"/> (a tree of a session on this
    /// connection) with the CREATE of 3.2.4.4: Open.FileName, RequestedOplockLevel Open.OplockLevel,
    /// ImpersonationLevel 0, and for a 3.x dialect the open's DesiredAccess, FileAttributes,
    /// ShareAccess, CreateDisposition and CreateOptions (0 otherwise); the reconnect context of
    /// <paramref name="kind"/>; and, when the open has a lease, the lease context of its version with
    /// File.LeaseKey and File.LeaseState (Epoch 0, as 3.2.4.3.8 says). <paramref name="adjust"/> may
    /// change the request before it goes (another name, a context dropped or added). On success the
    /// same Open is rebound (3.2.5.8): the response's FileId and OplockLevel, this tree and connection,
    /// out of the old Session.OpenTable and into the new one, its lease back in this client's
    /// GlobalFileTable with the response's state. On failure nothing changes; the response is in the result.
    /// </summary>
    public async Task<CreateResult> ReconnectAsync(Open open, TreeConnect tree, ReconnectKind kind, Action<CreateRequest>? adjust = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(tree);
        var request = ReconnectRequest(open, kind);
        adjust?.Invoke(request);
        var rebound = false;
        var response = await SendProcessedAsync<CreateResponse>(request, tree.Session, tree, reestablished =>
        {
            if (reestablished is { IsSuccess: true, Body: { } body })
            {
                Rebind(open, tree, body);
                rebound = true;
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new CreateResult(rebound ? open : null, response);
    }

    /// <summary>3.2.5.8 for a successful reestablishment, run by the receive loop.</summary>
    private void Rebind(Open open, TreeConnect tree, CreateResponse body)
    {
        open.TreeConnect.Session.OpenTable.TryRemove(new KeyValuePair<FileId, Open>(open.FileId, open));
        open.FileId = body.FileId;
        open.OplockLevel = body.OplockLevel;
        open.TreeConnect = tree;
        open.Connection = this;
        TakeDurability(open, body);
        tree.Session.OpenTable[open.FileId] = open;
        if (open.Lease is not { } lease)
        {
            return;
        }
        Client.Rejoin(lease, open);
        foreach (var context in body.CreateContexts)
        {
            switch (context)
            {
                case CreateResponseLease granted when granted.LeaseKey == lease.LeaseKey:
                    lease.Reestablished(granted.LeaseState, null);
                    break;
                case CreateResponseLeaseV2 granted when granted.LeaseKey == lease.LeaseKey:
                    lease.Reestablished(granted.LeaseState, granted.Epoch);
                    break;
            }
        }
    }

    /// <summary>The CREATE Request of 3.2.4.4 for <paramref name="open"/>, before any adjustment.</summary>
    public CreateRequest ReconnectRequest(Open open, ReconnectKind kind)
    {
        var smb3 = Dialect is { } dialect && dialect.IsSmb3();
        var request = new CreateRequest
        {
            RequestedOplockLevel = open.OplockLevel,
            ImpersonationLevel = 0,
            DesiredAccess = smb3 ? open.DesiredAccess : 0,
            FileAttributes = smb3 ? open.FileAttributes : 0,
            ShareAccess = smb3 ? open.ShareMode : 0,
            CreateDisposition = smb3 ? open.CreateDisposition : 0,
            CreateOptions = smb3 ? open.CreateOptions : 0,
            Name = open.FileName,
        };
        request.CreateContexts.Add(kind switch
        {
            ReconnectKind.DurableV1 => new CreateDurableHandleReconnect { Data = open.FileId },
            ReconnectKind.DurableV2 => new CreateDurableHandleReconnectV2
            {
                FileId = open.FileId,
                CreateGuid = open.CreateGuid,
                Flags = open.IsPersistent ? DurableHandleFlags.Persistent : DurableHandleFlags.None,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "DurableV1 or DurableV2"),
        });
        if (open.Lease is { } lease)
        {
            request.CreateContexts.Add(lease.Version == 2
                ? new CreateRequestLeaseV2
                {
                    LeaseKey = lease.LeaseKey,
                    LeaseState = lease.LeaseState,
                    Flags = lease.ParentLeaseKey is null ? LeaseFlags.None : LeaseFlags.ParentLeaseKeySet,
                    ParentLeaseKey = lease.ParentLeaseKey ?? Guid.Empty,
                }
                : new CreateRequestLease { LeaseKey = lease.LeaseKey, LeaseState = lease.LeaseState });
        }
        return request;
    }
}
