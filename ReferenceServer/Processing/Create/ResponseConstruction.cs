using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The "Response Construction" phase of 3.3.5.9 (2.2.14): OplockLevel is Open.OplockLevel, the times,
/// sizes and attributes come from the object store, FileId is {DurableFileId, FileId}; and the
/// response contexts of the request contexts this server answers: MxAc (3.3.5.9.5), QFid (3.3.5.9.9)
/// the lease (3.3.5.9.8, 3.3.5.9.11) and durability (3.3.5.9.6, 3.3.5.9.10).
/// </summary>
internal static class ResponseConstruction
{
    public static async Task<Outcome> BuildAsync(CreateOperation create, Open open, OpenExecutionResult opened, CancellationToken cancellationToken)
    {
        var entry = opened.Entry!;
        var response = new CreateResponse
        {
            OplockLevel = open.OplockLevel,
            CreateAction = opened.Action,
            CreationTime = (ulong)entry.CreationTime,
            LastAccessTime = (ulong)entry.LastAccessTime,
            LastWriteTime = (ulong)entry.LastWriteTime,
            ChangeTime = (ulong)entry.ChangeTime,
            AllocationSize = (ulong)entry.AllocationSize,
            EndofFile = (ulong)entry.EndOfFile,
            FileAttributes = FileInformation.Attributes(entry),
            FileId = new FileId(open.DurableFileId.Persistent, open.FileId.Volatile),
        };
        foreach (var createContext in create.Request.CreateContexts)
        {
            if (createContext is CreateQueryMaximalAccessRequest)
            {
                response.CreateContexts.Add(new CreateQueryMaximalAccessResponse { QueryStatus = NtStatus.Success, MaximalAccess = create.TreeConnect.MaximalAccess });
            }
            else if (createContext is CreateQueryOnDiskIdRequest)
            {
                var volume = await create.Store.GetVolumeInformationAsync(cancellationToken).ConfigureAwait(false);
                response.CreateContexts.Add(new CreateQueryOnDiskIdResponse { DiskFileId = entry.FileIndex, VolumeId = volume.SerialNumber });
            }
        }
        if (create.GrantedLease is { } granted)
        {
            response.CreateContexts.Add(LeaseContextOf(create, granted));
        }
        if (DurableContextOf(create, open) is { } durable)
        {
            response.CreateContexts.Add(durable);
        }
        return Outcome.Success(response);
    }

    /// <summary>
    /// SMB2_CREATE_DURABLE_HANDLE_RESPONSE for a DHnQ that made the open durable (3.3.5.9.6);
    /// SMB2_CREATE_DURABLE_HANDLE_RESPONSE_V2 with the Timeout for a DH2Q, skipped when the open holds
    /// neither a batch oplock nor a lease with handle caching (3.3.5.9.10).
    /// </summary>
    private static CreateContext? DurableContextOf(CreateOperation create, Open open)
    {
        if (create.GrantedDurability is not { } durability)
        {
            return null;
        }
        if (durability.Version == 1)
        {
            return new CreateDurableHandleResponse();
        }
        var holdsHandle = open.OplockLevel == OplockLevel.Batch || (open.Lease is { } lease && (lease.LeaseState & LeaseState.HandleCaching) != 0);
        return holdsHandle || durability.Persistent
            ? new CreateDurableHandleResponseV2 { Timeout = (uint)durability.Timeout.TotalMilliseconds, Flags = durability.Persistent ? DurableHandleFlags.Persistent : DurableHandleFlags.None }
            : null;
    }

    /// <summary>
    /// SMB2_CREATE_RESPONSE_LEASE (2.2.14.2.10) for a v1 request (3.3.5.9.8), SMB2_CREATE_RESPONSE_LEASE_V2
    /// (2.2.14.2.11) for a v2 one (3.3.5.9.11), whichever version made the lease: LeaseKey and LeaseState
    /// of the lease, BREAK_IN_PROGRESS while it breaks; v2 adds Epoch and echoes a ParentLeaseKey the request set.
    /// </summary>
    private static CreateContext LeaseContextOf(CreateOperation create, GrantedLease granted)
    {
        var flags = granted.BreakInProgress ? LeaseFlags.BreakInProgress : LeaseFlags.None;
        if (granted.Version == 1)
        {
            return new CreateResponseLease { LeaseKey = granted.Lease.LeaseKey, LeaseState = granted.LeaseState, LeaseFlags = flags };
        }
        var parent = create.LeaseRequest?.Parent;
        return new CreateResponseLeaseV2
        {
            LeaseKey = granted.Lease.LeaseKey,
            LeaseState = granted.LeaseState,
            Flags = flags | (parent is null ? LeaseFlags.None : LeaseFlags.ParentLeaseKeySet),
            ParentLeaseKey = parent ?? Guid.Empty,
            Epoch = granted.Epoch,
        };
    }
}
