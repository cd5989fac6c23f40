using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// Processing an oplock acknowledgment (3.3.5.22.1): the open is located by FileId (STATUS_FILE_CLOSED
/// when it is not), then the acknowledged level is judged against Open.OplockLevel and OplockState in
/// the order of the clause, and a valid one completes the object store's break with that level.
/// </summary>
internal sealed class OplockAcknowledgment : FileRequestHandler<OplockBreakAcknowledgment>
{
    protected override Smb2Command Command => Smb2Command.OplockBreak;

    protected override FileId FileIdOf(OplockBreakAcknowledgment request) => request.FileId;

    protected override Task<Outcome> HandleAsync(RequestContext context, OplockBreakAcknowledgment request, Open open, CancellationToken cancellationToken) =>
        Task.FromResult(Acknowledge(request, open));

    private Outcome Acknowledge(OplockBreakAcknowledgment request, Open open)
    {
        var acknowledged = request.OplockLevel;
        var breaking = open.OplockState == OplockState.Breaking;
        if (acknowledged == OplockLevel.Lease)
        {
            if (!breaking)
            {
                return Error(NtStatus.InvalidParameter);
            }
            CompleteAtNone(open);
        }
        else if (open.OplockLevel is OplockLevel.Exclusive or OplockLevel.Batch && acknowledged is not (OplockLevel.II or OplockLevel.None))
        {
            if (!breaking)
            {
                return Error(NtStatus.InvalidOplockProtocol);
            }
            CompleteAtNone(open);
        }
        else if (open.OplockLevel == OplockLevel.II && acknowledged != OplockLevel.None)
        {
            if (!breaking)
            {
                return Error(NtStatus.InvalidOplockProtocol);
            }
            CompleteAtNone(open);
        }
        else if (acknowledged is OplockLevel.II or OplockLevel.None)
        {
            if (!breaking)
            {
                return Error(NtStatus.InvalidDeviceState);
            }
            var kept = acknowledged == OplockLevel.II ? OplockLevelGrant.LevelTwo : OplockLevelGrant.None;
            var result = open.LocalOpen.File.AcknowledgeOplockBreak(open.LocalOpen, kept);
            if (result is not { } level)
            {
                SetNone(open);
                return Error(NtStatus.InvalidOplockProtocol);
            }
            if (level.IsNone && !kept.IsNone)
            {
                // The break went lower than the level acknowledged (a break to none, or a second
                // conflicting operation meanwhile): Windows fails the acknowledgment so (<353>), and a
                // success would have to echo level II (2.2.25.1) that the open no longer has.
                SetNone(open);
                return Error(NtStatus.RequestNotAccepted);
            }
            open.OplockLevel = acknowledged;
            open.OplockState = acknowledged == OplockLevel.II ? OplockState.Held : OplockState.None;
            open.OplockTimeout = null;
        }
        else
        {
            // A level other than II or NONE for an open holding none: no branch of 3.3.5.22.1 admits it.
            return Error(NtStatus.InvalidOplockProtocol);
        }
        return Outcome.Success(new OplockBreakResponse { OplockLevel = open.OplockLevel, FileId = request.FileId });
    }

    /// <summary>"complete the oplock break request … with a new level SMB2_OPLOCK_LEVEL_NONE", then no oplock.</summary>
    private static void CompleteAtNone(Open open)
    {
        open.LocalOpen.File.AcknowledgeOplockBreak(open.LocalOpen, OplockLevelGrant.None);
        SetNone(open);
    }

    private static void SetNone(Open open)
    {
        open.OplockLevel = OplockLevel.None;
        open.OplockState = OplockState.None;
        open.OplockTimeout = null;
    }
}
