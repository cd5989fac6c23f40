using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// Processing a lease acknowledgment (3.3.5.22.2): the lease table of the connection's ClientGuid
/// (GlobalLeaseTableList), then the lease by LeaseKey (STATUS_OBJECT_NAME_NOT_FOUND when either is
/// missing, so an acknowledgment on any connection of the client is valid); a lease not breaking is
/// STATUS_UNSUCCESSFUL, a state that is not within Lease.BreakToLeaseState STATUS_REQUEST_NOT_ACCEPTED;
/// otherwise the lease takes the state acknowledged and the object store's break completes with it.
/// </summary>
/// <remarks>
/// A break the object store lowered while this one was outstanding (a second conflicting operation)
/// goes out as a new Lease Break Notification once this acknowledgment's response has been sent.
/// </remarks>
internal static class LeaseAcknowledgment
{
    public static Outcome Process(RequestContext context)
    {
        var decoded = LeaseBreakAcknowledgment.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Error(NtStatus.InvalidParameter);
        }
        var request = decoded.Value;
        if (!context.Server.GlobalLeaseTableList.TryGetValue(context.Connection.ClientGuid, out var leaseTable)
            || !leaseTable.LeaseList.TryGetValue(request.LeaseKey, out var lease))
        {
            return Error(NtStatus.ObjectNameNotFound);
        }
        Open? holder;
        lock (lease.Gate)
        {
            if (!lease.Breaking)
            {
                return Error(NtStatus.Unsuccessful);
            }
            if ((request.LeaseState & ~lease.BreakToLeaseState) != 0)
            {
                return Error(NtStatus.RequestNotAccepted);
            }
            lease.LeaseState = request.LeaseState;
            lease.Breaking = false;
            lease.LeaseBreakTimeout = null;
            foreach (var open in lease.LeaseOpens)
            {
                open.OplockState = request.LeaseState == LeaseState.None ? OplockState.None : OplockState.Held;
                if (!open.IsPersistent)
                {
                    open.IsReplayEligible = false;
                }
            }
            holder = lease.LeaseOpens.FirstOrDefault();
        }
        var response = Outcome.Success(new LeaseBreakResponse { LeaseKey = lease.LeaseKey, LeaseState = request.LeaseState });
        if (holder is null)
        {
            return response;
        }
        var file = holder.LocalOpen.File;
        var result = file.AcknowledgeBreak(holder.LocalOpen, new OplockLevelGrant(OplockType.Granular, (CachingLevel)request.LeaseState));
        return result is { FurtherBreaks.Count: > 0 } ? response.WithOnSent(() => file.IndicateBreaks(result.FurtherBreaks)) : response;
    }

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.OplockBreak, status);
}
