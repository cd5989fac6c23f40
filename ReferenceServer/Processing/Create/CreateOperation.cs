using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// One CREATE as it moves through the phases of 3.3.5.9: the request, what validation made of it
/// (the path, the access asked for), the tree and share it is made on.
/// </summary>
internal sealed class CreateOperation(RequestContext context, CreateRequest request, string pathName, AccessMask desiredAccess, IShareStore store)
{
    public RequestContext Context { get; } = context;
    public CreateRequest Request { get; } = request;

    /// <summary>The share-relative path to open (a trailing "::$DATA" removed).</summary>
    public string PathName { get; } = pathName;

    /// <summary>DesiredAccess with generic rights mapped to specific ones.</summary>
    public AccessMask DesiredAccess { get; } = desiredAccess;

    /// <summary>The lease the CREATE asks for (RequestedOplockLevel LEASE with a lease context the server takes), or null.</summary>
    public LeaseRequest? LeaseRequest { get; init; }

    /// <summary>The lease found for <see cref="LeaseRequest"/>'s key in the client's lease table ("Path Name Validation"), or null for a new one.</summary>
    public Lease? ExistingLease { get; set; }

    /// <summary>The durability contexts of the request (validated in "Create Context Validation").</summary>
    public DurableRequest Durable { get; init; } = DurableRequest.None;

    /// <summary>The durability the open was given, for "Response Construction"; null when none.</summary>
    public DurableGrant? GrantedDurability { get; set; }

    /// <summary>What "Oplock Acquisition" left of the lease, for "Response Construction"; null when the CREATE asked for none.</summary>
    public GrantedLease? GrantedLease { get; set; }

    /// <summary>MS-FSA TargetOplockKey of the open: the client and lease key, so opens of one lease never break each other.</summary>
    public OplockKey? OplockKey => LeaseRequest is { } lease ? new OplockKey(Context.Connection.ClientGuid, lease.LeaseKey) : null;

    /// <summary>MS-FSA ParentOplockKey: the client's lease key of the parent directory, when the request names one.</summary>
    public OplockKey? ParentOplockKey => LeaseRequest?.Parent is { } parent ? new OplockKey(Context.Connection.ClientGuid, parent) : null;

    /// <summary>Lease.Filename: share and path, compared ignoring case.</summary>
    public string LeaseFilename => $"{Share.Name}\\{PathName}";

    public TreeConnect TreeConnect => Context.TreeConnect!;
    public Share Share => TreeConnect.Share;
    public IShareStore Store { get; } = store;
}
