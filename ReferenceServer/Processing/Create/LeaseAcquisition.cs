using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The "Oplock Acquisition" phase of 3.3.5.9 for a CREATE that asks for a lease (3.3.5.9.8 for v1,
/// 3.3.5.9.11 for v2): the lease of the client and key is found or made (LeaseTable per ClientGuid in
/// GlobalLeaseTableList), the state asked for is trimmed as the share and the file require, and a
/// superset of what the lease holds is asked of the object store as a granular oplock on the open;
/// the open joins Lease.LeaseOpens with OplockLevel LEASE.
/// </summary>
/// <remarks>
/// Epoch: our text starts a new v2 lease at 0 and adds 1 when the object store grants a state; the
/// current text and real servers start from the request's Epoch, so a new lease answers the client's
/// Epoch + 1, or the client's Epoch when nothing is granted. A request that changes nothing leaves the
/// Epoch as it is. The lease keeps the version it was made with (Lease.Version, which decides NewEpoch
/// in its breaks); each CREATE is answered in the version it asked with (3.3.5.9.8, 3.3.5.9.11).
/// </remarks>
internal static class LeaseAcquisition
{
    public static void Run(CreateOperation create, Open open, bool isDirectory)
    {
        var request = create.LeaseRequest!;
        var context = create.Context;
        var server = context.Server;
        var table = server.GlobalLeaseTableList.GetOrAdd(context.Connection.ClientGuid, clientGuid => new LeaseTable(clientGuid));
        var lease = table.LeaseList.GetOrAdd(request.LeaseKey, key => new Lease(table, key, create.LeaseFilename, request.Version, request.Version == 2 ? request.Epoch : (ushort)0));
        var wanted = Trimmed(create, request, isDirectory, server.IsDirectoryLeasingSupported);
        lock (lease.Gate)
        {
            // 3.3.5.9.8/.11: a state that is no superset of Lease.LeaseState, or a lease breaking, is not
            // promoted; the open shares the key's granular oplock as it is either way (MS-FSA TargetOplockKey).
            if (!lease.Breaking && (wanted & lease.LeaseState) == lease.LeaseState && wanted != LeaseState.None)
            {
                var granted = open.LocalOpen.File.RequestOplock(open.LocalOpen, new OplockLevelGrant(OplockType.Granular, (CachingLevel)wanted));
                var state = (LeaseState)granted.Caching;
                if (state != lease.LeaseState)
                {
                    lease.LeaseState = state;
                    if (request.Version == 2)
                    {
                        // 3.3.5.9.11 (the v1 handler, 3.3.5.9.8, keeps no epoch).
                        lease.Epoch++;
                    }
                }
            }
            if (request.Parent is { } parent)
            {
                lease.ParentLeaseKey = parent;
            }
            open.Lease = lease;
            open.OplockLevel = OplockLevel.Lease;
            open.OplockState = lease.Breaking ? OplockState.Breaking : OplockState.Held;
            lease.LeaseOpens.Add(open);
            create.GrantedLease = new GrantedLease(lease, lease.LeaseState, lease.Breaking, lease.Epoch, request.Version);
        }
    }

    /// <summary>
    /// The state asked for, as the share and the file allow it: no write caching on a ForceLevel2Oplock
    /// share, nor (v2) on a directory; on a 3.x scale-out share R or nothing; a directory gets nothing
    /// without directory leasing or with a v1 context (a 2.1 client cannot ask one for a directory).
    /// </summary>
    private static LeaseState Trimmed(CreateOperation create, LeaseRequest request, bool isDirectory, bool directoryLeasing)
    {
        var wanted = request.LeaseState;
        if (create.Share.ForceLevel2Oplock)
        {
            wanted &= ~LeaseState.WriteCaching;
        }
        if (isDirectory)
        {
            if (request.Version != 2 || !directoryLeasing)
            {
                return LeaseState.None;
            }
            wanted &= ~LeaseState.WriteCaching;
        }
        if (create.Share.IsScaleOut && create.Context.Connection.IsSmb3)
        {
            wanted = (wanted & LeaseState.ReadCaching) != 0 ? LeaseState.ReadCaching : LeaseState.None;
        }
        return wanted;
    }
}
