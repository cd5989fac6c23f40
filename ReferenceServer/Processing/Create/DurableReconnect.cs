using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// A reconnect to a durable open, with SMB2_CREATE_DURABLE_HANDLE_RECONNECT (3.3.5.9.7) or _V2
/// (3.3.5.9.12): the open found by its persistent FileId in GlobalOpenTable, each refusal in the
/// order of the clause, then the open moved to this connection, session and tree with a new volatile
/// FileId, and the response built from it ("Successful Open Initialization" and "Oplock Acquisition"
/// skipped). The open must have been let go by its old session (Open.Session NULL): a reconnect while
/// that session still holds it is STATUS_OBJECT_NAME_NOT_FOUND (step 7; the forum thread of the spec
/// notes).
/// </summary>
/// <remarks>
/// DH2C: our text also refuses a DesiredAccess, ShareAccess or CreateOptions that differ from the
/// open's; the current text has no such checks and Windows ignores every CREATE field but the contexts
/// on a reconnect, which this server does too (current MS-SMB2 3.3.5.9.12).
/// </remarks>
internal static class DurableReconnect
{
    public static async Task<Outcome> RunAsync(CreateOperation create, CancellationToken cancellationToken)
    {
        var context = create.Context;
        var durable = create.Durable;
        var v2 = durable.ReconnectV2;
        if (!context.Server.GlobalOpenTable.TryGetValue(durable.ReconnectFileId.Persistent, out var open))
        {
            return Fail(NtStatus.ObjectNameNotFound);
        }
        var refused = Refusal(create, open, v2 is not null);
        if (refused is { } status)
        {
            return Fail(status);
        }
        var session = context.Session!;
        var treeConnect = create.TreeConnect;
        lock (open)
        {
            if (open.Session is not null || open.IsClosed)
            {
                return Fail(NtStatus.ObjectNameNotFound);
            }
            open.Connection = context.Connection;
            open.Session = session;
            open.TreeConnect = treeConnect;
            open.DurableOpenScavengerTimeout = null;
            open.ResilientOpenTimeout = null;
            open.FileId = new FileId(open.FileId.Persistent, context.Server.NewFileId());
            // 3.3.5.9.12: the persistent flag on a continuously available share makes the open persistent.
            if (v2 is not null && (v2.Flags & DurableHandleFlags.Persistent) != 0 && treeConnect.Share.IsCA)
            {
                open.IsPersistent = true;
            }
        }
        Interlocked.Increment(ref treeConnect.OpenCount);
        session.OpenTable[open.FileId.Volatile] = open;
        context.Request.Open = open;
        context.ResultFileId = open.FileId;
        create.GrantedLease = LeaseAnswer(create, open, v2 is not null);
        var entry = await create.Store.GetEntryAsync(open.PathName, cancellationToken).ConfigureAwait(false);
        if (!entry.IsSuccess)
        {
            return Fail(entry.Status.ToNtStatus());
        }
        return await ResponseConstruction.BuildAsync(create, open, OpenExecutionResult.Opened(open.LocalOpen, entry.Value, CreateAction.FileOpened), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The refusals of 3.3.5.9.7 steps 2-10 (DHnC) or of 3.3.5.9.12 (DH2C), in their order.</summary>
    private static uint? Refusal(CreateOperation create, Open open, bool v2)
    {
        var context = create.Context;
        var lease = create.LeaseRequest;
        if (open.Lease is not null && open.ClientGuid != context.Connection.ClientGuid)
        {
            return NtStatus.ObjectNameNotFound;
        }
        if (open.Lease is not null && !open.PathName.Equals(create.PathName, StringComparison.OrdinalIgnoreCase))
        {
            return NtStatus.InvalidParameter;
        }
        if (v2)
        {
            var reconnect = create.Durable.ReconnectV2!;
            if (open.IsPersistent && (reconnect.Flags & DurableHandleFlags.Persistent) == 0)
            {
                return NtStatus.ObjectNameNotFound;
            }
            if (open.CreateGuid != reconnect.CreateGuid)
            {
                return NtStatus.ObjectNameNotFound;
            }
        }
        if ((open.Lease is not null && lease is null) || (open.Lease is null && lease is not null))
        {
            return NtStatus.ObjectNameNotFound;
        }
        if (!open.IsDurable && !open.IsResilient)
        {
            return NtStatus.ObjectNameNotFound;
        }
        if (open.Session is not null)
        {
            return NtStatus.ObjectNameNotFound;
        }
        if (open.Lease is { } held && lease is not null && held.LeaseKey != lease.LeaseKey)
        {
            return NtStatus.ObjectNameNotFound;
        }
        return open.DurableOwner != DurableOpenInitialization.OwnerOf(context.Session!) ? NtStatus.AccessDenied : null;
    }

    /// <summary>
    /// The lease context of the answer: for a DHnC in the lease's own version (3.3.5.9.7 step 17); for
    /// a DH2C in the request's, its Epoch the request's when the lease caches writes, else the
    /// request's + 1, which becomes Lease.Epoch (3.3.5.9.12).
    /// </summary>
    private static GrantedLease? LeaseAnswer(CreateOperation create, Open open, bool v2)
    {
        if (open.Lease is not { } lease || create.LeaseRequest is not { } asked)
        {
            return null;
        }
        lock (lease.Gate)
        {
            if (!v2)
            {
                return new GrantedLease(lease, lease.LeaseState, lease.Breaking, lease.Epoch, lease.Version);
            }
            if (asked.Version == 2)
            {
                lease.Epoch = (lease.LeaseState & LeaseState.WriteCaching) != 0 ? asked.Epoch : (ushort)(asked.Epoch + 1);
            }
            return new GrantedLease(lease, lease.LeaseState, lease.Breaking, lease.Epoch, asked.Version);
        }
    }

    private static Outcome Fail(uint status) => Outcome.Error(Smb2Command.Create, status);
}
