using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// Processing a lease acknowledgment (3.3.5.22.2): the lease table of the connection's ClientGuid
/// (GlobalLeaseTableList), then the lease by LeaseKey; STATUS_OBJECT_NAME_NOT_FOUND when either is
/// missing. This server grants no lease yet, so every lease acknowledgment names an unknown lease.
/// </summary>
internal static class LeaseAcknowledgment
{
    public static Outcome Process(RequestContext context)
    {
        var decoded = LeaseBreakAcknowledgment.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (!context.Server.GlobalLeaseTableList.TryGetValue(context.Connection.ClientGuid, out var leaseTable)
            || !leaseTable.LeaseList.ContainsKey(decoded.Value.LeaseKey))
        {
            return Error(NtStatus.ObjectNameNotFound);
        }
        // Lease.Breaking is FALSE: this server sends no lease break yet.
        return Error(NtStatus.Unsuccessful);
    }

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.OplockBreak, status);
}
