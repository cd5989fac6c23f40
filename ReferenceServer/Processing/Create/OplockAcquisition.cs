using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The "Oplock Acquisition" phase of 3.3.5.9: for an open that is not of a pipe and asked for an
/// oplock, the object store is asked for that level (MS-SMB2 &lt;248&gt; maps LEVEL_BATCH, LEVEL_ONE and
/// LEVEL_TWO to BATCH, EXCLUSIVE and II); what it grants becomes Open.OplockLevel, Held.
/// </summary>
/// <remarks>
/// When an exclusive or batch oplock is refused (another open exists), this server asks for level II
/// instead, as Windows and Samba grant a second opener. A request for a lease is ignored while this
/// server does not support leasing (3.3.5.9: "the server MUST ignore the RqLs create context").
/// </remarks>
internal static class OplockAcquisition
{
    public static void Run(CreateOperation create, Open open)
    {
        var requested = Requested(create) switch
        {
            OplockLevel.II => OplockLevelGrant.LevelTwo,
            OplockLevel.Exclusive => new OplockLevelGrant(OplockType.LevelOne),
            OplockLevel.Batch => new OplockLevelGrant(OplockType.Batch),
            _ => OplockLevelGrant.None,
        };
        if (open.IsPipe || requested.IsNone)
        {
            return;
        }
        var file = open.LocalOpen.File;
        var granted = file.RequestOplock(open.LocalOpen, requested);
        if (granted.IsNone && requested.IsExclusive)
        {
            granted = file.RequestOplock(open.LocalOpen, OplockLevelGrant.LevelTwo);
        }
        if (granted.IsNone)
        {
            return;
        }
        open.OplockLevel = granted.Type switch
        {
            OplockType.Batch => OplockLevel.Batch,
            OplockType.LevelOne => OplockLevel.Exclusive,
            _ => OplockLevel.II,
        };
        open.OplockState = OplockState.Held;
    }

    /// <summary>
    /// RequestedOplockLevel as the "Open Execution" phase of 3.3.5.9 leaves it: on a share with
    /// ForceLevel2Oplock a batch or exclusive request becomes level II (the SHOULD of #39); at 3.x on a
    /// scale-out share (STYPE_CLUSTER_SOFS) a batch request becomes level II (#40).
    /// </summary>
    private static OplockLevel Requested(CreateOperation create)
    {
        var requested = create.Request.RequestedOplockLevel;
        if (create.Share.ForceLevel2Oplock && requested is OplockLevel.Batch or OplockLevel.Exclusive)
        {
            return OplockLevel.II;
        }
        if (create.Share.IsScaleOut && create.Context.Connection.IsSmb3 && requested == OplockLevel.Batch)
        {
            return OplockLevel.II;
        }
        return requested;
    }
}
