using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The lease a CREATE asks for, from its SMB2_CREATE_REQUEST_LEASE (2.2.13.2.8, <see cref="Version"/> 1)
/// or SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10, version 2) context, the undefined bits of LeaseState
/// ignored (3.3.5.9.8, 3.3.5.9.11).
/// </summary>
internal sealed record LeaseRequest(byte Version, Guid LeaseKey, LeaseState LeaseState, LeaseFlags Flags, Guid ParentLeaseKey, ushort Epoch)
{
    private const LeaseState Defined = LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching;

    /// <summary>The parent's lease key when SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET is set (version 2 only).</summary>
    public Guid? Parent => Version == 2 && (Flags & LeaseFlags.ParentLeaseKeySet) != 0 ? ParentLeaseKey : null;

    public static LeaseRequest? Of(CreateContext context) => context switch
    {
        CreateRequestLeaseV2 v2 => new LeaseRequest(2, v2.LeaseKey, v2.LeaseState & Defined, v2.Flags, v2.ParentLeaseKey, v2.Epoch),
        CreateRequestLease v1 => new LeaseRequest(1, v1.LeaseKey, v1.LeaseState & Defined, LeaseFlags.None, Guid.Empty, 0),
        _ => null,
    };
}
