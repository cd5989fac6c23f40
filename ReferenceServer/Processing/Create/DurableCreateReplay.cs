using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The CreateGuid lookup of 3.3.5.9.10, before "Open Execution": a DH2Q naming the CreateGuid of an
/// open this client already has is STATUS_DUPLICATE_OBJECTID without SMB2_FLAGS_REPLAY_OPERATION; with
/// it, the CREATE is a replay and is answered from that open. The current text finds only an open still
/// replay eligible (Open.IsReplayEligible), moves it to the replay's connection, and no longer checks the
/// owner, the lease key, FileAttributes, CreateDisposition or the persistent flag, as our text did.
/// </summary>
internal static class DurableCreateReplay
{
    /// <summary>The answer when the DH2Q names an existing open, else null (the CREATE goes on).</summary>
    public static async Task<Outcome?> RunAsync(CreateOperation create, CancellationToken cancellationToken)
    {
        var context = create.Context;
        var request = create.Request;
        if (create.Durable.V2 is not { } v2 || !create.Durable.AsksDurability(request, create.LeaseRequest))
        {
            return null;
        }
        if (context.Header.IsReplayOperation && context.Server.PendingDurableCreates.ContainsKey((context.Connection.ClientGuid, v2.CreateGuid)))
        {
            // The CREATE it replays is still pending (waiting on a break): no open exists yet, and the spec
            // does not say what to answer. STATUS_FILE_NOT_AVAILABLE is what a client replays on (3.2.5.x),
            // and what Samba answers; Windows answers STATUS_ACCESS_DENIED.
            return Fail(NtStatus.FileNotAvailable);
        }
        // Current MS-SMB2: only an open still replay eligible is found.
        var open = context.Server.GlobalOpenTable.Values.FirstOrDefault(candidate => candidate.IsReplayEligible
            && candidate.CreateGuid == v2.CreateGuid && candidate.ClientGuid == context.Connection.ClientGuid && !candidate.IsClosed);
        if (open is null)
        {
            return null;
        }
        if (!context.Header.IsReplayOperation)
        {
            return Fail(NtStatus.DuplicateObjectId);
        }
        // The current text checks nothing more of a replay that found its open: our text's STATUS_ACCESS_DENIED
        // (not durable, another owner, another lease key) and STATUS_INVALID_PARAMETER (FileAttributes,
        // CreateDisposition, a persistent open without the flag) are gone.
        var lease = create.LeaseRequest;
        var entry = await create.Store.GetEntryAsync(open.PathName, cancellationToken).ConfigureAwait(false);
        if (!entry.IsSuccess)
        {
            return Fail(entry.Status.ToNtStatus());
        }
        // Current MS-SMB2 3.3.5.9.10: the open moves to the connection the replay came on, and the
        // DH2Q response carries Open.DurableOpenTimeout.
        open.Connection = context.Connection;
        create.GrantedDurability = new DurableGrant(2, open.DurableOpenTimeout, open.IsPersistent);
        if (open.Lease is { } granted && lease is not null)
        {
            lock (granted.Gate)
            {
                create.GrantedLease = new GrantedLease(granted, granted.LeaseState, granted.Breaking, granted.Epoch, lease.Version);
            }
        }
        context.ResultFileId = open.FileId;
        return await ResponseConstruction.BuildAsync(create, open, OpenExecutionResult.Opened(open.LocalOpen, entry.Value, CreateAction.FileOpened), cancellationToken).ConfigureAwait(false);
    }

    private static Outcome Fail(uint status) => Outcome.Error(Smb2Command.Create, status);
}
