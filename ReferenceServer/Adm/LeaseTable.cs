using System.Collections.Concurrent;

namespace Conformance.ReferenceServer.Adm;

/// <summary>The leases of one client (MS-SMB2 3.3.1.11 Per Lease Table), by LeaseKey.</summary>
public sealed class LeaseTable(Guid clientGuid)
{
    public Guid ClientGuid { get; } = clientGuid;
    public ConcurrentDictionary<Guid, Lease> LeaseList { get; } = new();
}
