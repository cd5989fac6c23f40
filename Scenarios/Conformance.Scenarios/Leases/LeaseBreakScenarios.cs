using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Leases;

/// <summary>
/// Object store indicates a lease break (3.3.4.7) and the Lease Break Notification it sends (2.2.23.2):
/// what each operation of another client takes from a lease (MS-FSA 2.1.4.12: an open write caching;
/// an overwrite, a write or a lock read caching, and with it everything; a sharing conflict, a rename
/// or a delete handle caching), when the notification asks for an acknowledgment (not from R alone),
/// what it carries, and the operation held up until the holder answers.
/// </summary>
public static class LeaseBreakScenarios
{
    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", "2.2.23.2", "3.3.5.22.2", "2.2.25.2", "3.3.1.12",
        Requirements = ["3.3.1.12#01", "3.3.1.12#02", "3.3.4.7#01", "3.3.4.7#02", "3.3.4.7#05", "3.3.4.7#11", "3.3.4.7#12", "3.3.4.7#13", "3.3.4.7#16", "3.3.4.7#17", "3.3.4.7#19", "3.3.4.7#20",
            "2.2.23.2#01", "2.2.23.2#04", "2.2.23.2#05", "2.2.23.2#06", "2.2.23.2#07", "2.2.23.2#08", "2.2.23.2#09", "2.2.23.2#10", "2.2.23.2#11", "2.2.23.2#12",
            "3.3.5.22.2#03", "3.3.5.22.2#05", "3.3.5.22.2#09", "3.3.5.22.2#10", "3.3.5.22.2#11", "3.3.5.22.2#12", "3.3.5.22.2#13",
            "2.2.25.2#01", "2.2.25.2#02", "2.2.25.2#03", "2.2.25.2#04", "2.2.25.2#05", "2.2.25.2#06", "2.2.25.2#07", "2.2.25.2#08"],
        Title = "3.x, v2: another client's open breaks an RWH lease to RH with a notification laid out as 2.2.23.2 says; the open waits for the acknowledgment, whose response 2.2.25.2 lays out")]
    public static async Task SecondOpenBreaksWriteCaching(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var (notification, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's holder, after another client's open of the file");
        var header = notification.Response.Header;
        context.CheckEqual("3.3.4.7", "3.3.4.7#12", "Command of the notification", Smb2Command.OplockBreak, header.Command);
        context.CheckEqual("3.3.4.7", "3.3.4.7#12", "MessageId of the notification", ulong.MaxValue, header.MessageId, id => $"0x{id:X16}");
        context.CheckEqual("3.3.4.7", "3.3.4.7#13", "SessionId of the notification", 0UL, header.SessionId, id => $"0x{id:X16}");
        context.CheckEqual("3.3.4.7", "3.3.4.7#13", "TreeId of the notification", 0U, header.TreeId, id => $"0x{id:X8}");
        context.CheckEqual("2.2.23.2", "2.2.23.2#01", "StructureSize of the notification", (ushort)44, notification.Response.Bytes.Span.U16(Smb2Header.Size));
        context.CheckEqual("3.3.4.7", "3.3.4.7#16", "Flags of the notification (a break from RWH)", LeaseBreakNotificationFlags.AckRequired, body.Flags);
        context.CheckEqual("2.2.23.2", "2.2.23.2#04", "undefined Flags bits of the notification", LeaseBreakNotificationFlags.None, body.Flags & ~LeaseBreakNotificationFlags.AckRequired);
        context.CheckEqual("3.3.4.7", "3.3.4.7#17", "LeaseKey of the notification", held.Key, body.LeaseKey);
        context.CheckEqual("3.3.4.7", "3.3.4.7#19", "CurrentLeaseState of the notification", RWH, body.CurrentLeaseState, Name);
        context.CheckEqual("2.2.23.2", "2.2.23.2#05", "undefined CurrentLeaseState bits", LeaseState.None, body.CurrentLeaseState & ~RWH, Name);
        CheckNewLeaseState(context, "another client's open (it takes write caching)", RH, body.NewLeaseState);
        context.CheckEqual("2.2.23.2", "2.2.23.2#06", "undefined NewLeaseState bits", LeaseState.None, body.NewLeaseState & ~RWH, Name);
        context.CheckEqual("3.3.4.7", "3.3.4.7#20", "NewEpoch of the notification (the lease's Epoch + 1)", (ushort)(held.Grant.Epoch + 1), body.NewEpoch);
        context.CheckEqual("2.2.23.2", "2.2.23.2#08", "BreakReason of the notification", 0U, body.BreakReason);
        context.CheckEqual("2.2.23.2", "2.2.23.2#10", "AccessMaskHint of the notification", 0U, body.AccessMaskHint);
        context.CheckEqual("2.2.23.2", "2.2.23.2#12", "ShareMaskHint of the notification", 0U, body.ShareMaskHint);
        if (header.IsSigned)
        {
            context.Observe("the lease break notification was signed (3.3.4.7 says it SHOULD NOT be)");
        }
        context.CheckTrue("3.3.4.7", "3.3.4.7#19", "the other client's CREATE while the break is unacknowledged", !second.IsCompleted, "still waiting", "already answered");
        var acknowledged = await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        var response = context.CheckBody("3.3.5.22.2", "Lease Break Acknowledgment of RH", acknowledged);
        context.CheckEqual("2.2.25.2", "2.2.25.2#01", "StructureSize of the Lease Break Response", (ushort)36, acknowledged.Response.Bytes.Span.U16(Smb2Header.Size));
        context.CheckEqual("2.2.25.2", "2.2.25.2#03", "Reserved of the Lease Break Response", (ushort)0, response.Reserved);
        context.CheckEqual("2.2.25.2", "2.2.25.2#05", "Flags of the Lease Break Response", 0U, response.Flags);
        context.CheckEqual("3.3.5.22.2", "3.3.5.22.2#11", "LeaseKey of the Lease Break Response", held.Key, response.LeaseKey);
        context.CheckEqual("3.3.5.22.2", "3.3.5.22.2#12", "LeaseState of the Lease Break Response", RH, response.LeaseState, Name);
        context.CheckEqual("2.2.25.2", "2.2.25.2#06", "undefined LeaseState bits of the response", LeaseState.None, response.LeaseState & ~RWH, Name);
        context.CheckEqual("2.2.25.2", "2.2.25.2#08", "LeaseDuration of the Lease Break Response", 0UL, response.LeaseDuration);
        var completed = await OplockSteps.CompletionOfAsync(context, second);
        context.CheckStatus("3.3.4.7", null, "the other client's CREATE, once the break was acknowledged", NtStatus.Success, completed.Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", "2.2.23.2", Requirements = ["3.3.4.7#11", "3.3.4.7#21", "2.2.23.2#02", "2.2.23.2#03"],
        Title = "2.1, v1: the break of an RWH lease carries NewEpoch 0 (a reserved field at 2.1)")]
    public static Task BreakAt21HasNoEpoch(ScenarioContext context) => EpochlessBreakAsync(context, Dialect.Smb210);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#11", "3.3.4.7#21"],
        Title = "3.x, v1: the break of a v1 lease carries NewEpoch 0 (only a v2 lease counts epochs)")]
    public static Task V1BreakAt3xHasNoEpoch(ScenarioContext context) => EpochlessBreakAsync(context, null);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", "3.3.5.22.2", Requirements = ["3.3.4.7#14", "3.3.4.7#15", "3.3.5.22.2#07"],
        Title = "A write by another client breaks an R lease to NONE with Flags 0: nothing to acknowledge, the write does not wait, and an acknowledgment is STATUS_UNSUCCESSFUL")]
    public static async Task WriteBreaksReadLeaseWithoutAcknowledgment(ScenarioContext context)
    {
        var held = await HeldAsync(context, R);
        var other = await OplockSteps.OpenAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var written = await held.Other.Connection.WriteAsync(other, 0, "written"u8.ToArray(), context.CancellationToken);
        context.CheckStatus("3.3.4.7", "3.3.4.7#14", "the other client's WRITE (an R lease's break waits for nothing)", NtStatus.Success, written.Status);
        var (_, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the R lease's holder, after another client's write");
        context.CheckEqual("3.3.4.7", "3.3.4.7#14", "Flags of the notification (a break from R)", LeaseBreakNotificationFlags.None, body.Flags);
        context.CheckEqual("3.3.4.7", "3.3.4.7#15", "LeaseKey of the notification", held.Key, body.LeaseKey);
        CheckNewLeaseState(context, "another client's write (it takes read caching)", LeaseState.None, body.NewLeaseState);
        var acknowledged = await AcknowledgeAsync(context, held.Holder, held.Key, LeaseState.None);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#07", "Lease Break Acknowledgment of a break that asked for none (Lease.Breaking FALSE)", NtStatus.Unsuccessful, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#01", "3.3.4.7#16", "3.3.4.7#19"],
        Title = "A write by another client breaks an RH lease to NONE, asking for an acknowledgment")]
    public static Task WriteBreaksReadHandleLeaseToNone(ScenarioContext context) =>
        BrokenByAsync(context, RH, LeaseState.None, "a WRITE", async (client, open) => (await client.Connection.WriteAsync(open, 0, "written"u8.ToArray(), context.CancellationToken)).Status);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#01", "3.3.4.7#16", "3.3.4.7#19"],
        Title = "A byte-range lock by another client breaks an RH lease to NONE")]
    public static Task LockBreaksReadHandleLeaseToNone(ScenarioContext context) =>
        BrokenByAsync(context, RH, LeaseState.None, "a LOCK", async (client, open) =>
            (await client.Connection.LockAsync(open, [new LockElement(0, 1, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken)).Status);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#01", "3.3.4.7#16", "3.3.4.7#19"],
        Title = "A rename by another client's open breaks an RH lease's handle caching: RH to R")]
    public static Task RenameBreaksHandleCaching(ScenarioContext context) =>
        BrokenByAsync(context, RH, R, "a rename", async (client, open) =>
            (await client.Connection.SetInfoAsync(open, FileSteps.RenameRequest(open, context.ScratchPath("renamed")), context.CancellationToken)).Status, AccessMask.Delete);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#01", "3.3.4.7#16", "3.3.4.7#19"],
        Title = "Setting delete-on-close by another client's open breaks an RH lease's handle caching: RH to R")]
    public static Task DeleteDispositionBreaksHandleCaching(ScenarioContext context) =>
        BrokenByAsync(context, RH, R, "a delete disposition", async (client, open) =>
            (await client.Connection.SetInfoAsync(open, FileSteps.DeleteDispositionRequest(open, true), context.CancellationToken)).Status, AccessMask.Delete);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#01", "3.3.4.7#16", "3.3.4.7#19"],
        Title = "An overwriting open by another client breaks an RWH lease to NONE")]
    public static async Task OverwriteBreaksEverything(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None, CreateDisposition.FileOverwriteIf));
        var (_, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's holder, after another client's overwriting open");
        context.CheckEqual("3.3.4.7", "3.3.4.7#19", "CurrentLeaseState of the notification", RWH, body.CurrentLeaseState, Name);
        CheckNewLeaseState(context, "an overwriting open (it takes read caching, and so everything)", LeaseState.None, body.NewLeaseState);
        context.CheckEqual("3.3.4.7", "3.3.4.7#16", "Flags of the notification", LeaseBreakNotificationFlags.AckRequired, body.Flags);
        await AcknowledgeAsync(context, held.Holder, held.Key, LeaseState.None);
        context.CheckStatus("3.3.4.7", null, "the overwriting open, once the break was acknowledged", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#01", "3.3.4.7#16"],
        Title = "An open that conflicts with the holder's sharing breaks its RH lease to R first (handle caching, MS-FSA OPEN_BREAK_H); the holder keeps its handle, so the open then fails with STATUS_SHARING_VIOLATION")]
    public static async Task SharingConflictBreaksHandleCaching(ScenarioContext context)
    {
        var held = await HeldAsync(context, RH, share: ShareAccess.FileShareRead | ShareAccess.FileShareWrite);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None, access: AccessMask.Delete | AccessMask.FileReadAttributes));
        var (_, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RH lease's holder, after an open its share access denies");
        CheckNewLeaseState(context, "an open the holder's sharing denies (OPEN_BREAK_H takes handle caching)", R, body.NewLeaseState);
        context.CheckEqual("3.3.4.7", "3.3.4.7#16", "Flags of the notification (a break from RH)", LeaseBreakNotificationFlags.AckRequired, body.Flags);
        await AcknowledgeAsync(context, held.Holder, held.Key, R);
        context.CheckStatus("3.3.4.7", null, "the conflicting open, once the holder acknowledged and kept its handle", NtStatus.SharingViolation, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#11"],
        Title = "An open that conflicts with the holder's sharing succeeds once the holder, told of the handle-caching break, closes its handle")]
    public static async Task HolderClosingOnHandleBreakLetsTheOpenThrough(ScenarioContext context)
    {
        var held = await HeldAsync(context, RH, share: ShareAccess.FileShareRead | ShareAccess.FileShareWrite);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None, access: AccessMask.Delete | AccessMask.FileReadAttributes));
        await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RH lease's holder, after an open its share access denies");
        await held.Holder.Connection.CloseAsync(held.Open, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.4.7", null, "the conflicting open, once the holder closed its handle", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#07", "3.3.5.9.11#11", "3.3.5.9.11#29"],
        Title = "Two opens of one client with one lease key share the lease: the second gets it and breaks nothing")]
    public static async Task SameKeyOpensShareTheLease(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var (_, grant) = await LeasedOpenAsync(context, held.Holder, Request(held.Path, Context(2, held.Key, RWH)));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#07", "LeaseState of a second open with the same key", RWH, grant.LeaseState, Name);
        await OplockSteps.ExpectNoBreakAsync(context, held.Holder, "3.3.5.9.11", "3.3.5.9.11#07", "the lease's client after its second open with the same key");
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "3.3.4.7", "3.3.1.11", Requirements = ["3.3.5.9.11#04", "3.3.4.7#02", "3.3.1.11#01"],
        Title = "Another client using the same lease key has another lease (the table is per ClientGuid): its open breaks the first client's lease")]
    public static async Task SameKeyOfAnotherClientIsAnotherLease(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, Request(held.Path, Context(2, held.Key, RWH)));
        var (_, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.5.9.11", "3.3.5.9.11#04", "the first client, after another client's open with the same lease key");
        CheckNewLeaseState(context, "another client's open with the same key", RH, body.NewLeaseState);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        var completed = await OplockSteps.CompletionOfAsync(context, second);
        var grant = ExpectGrant(context, "3.3.5.9.11", "3.3.5.9.11#04", "the other client's open with the same key", context.CheckBody("3.3.5.9.11", "CREATE Response", completed));
        context.CheckTrue("3.3.5.9.11", "3.3.5.9.11#04", "LeaseState of the other client's lease (the first client still holds RH)", (grant.LeaseState & W) == 0, "no write caching", Name(grant.LeaseState));
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#02"],
        Title = "Two lease keys of one client on one file break each other: the oplock key is the lease key")]
    public static async Task OtherKeyOfTheSameClientBreaks(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var second = await OplockSteps.PostCreateAsync(context, held.Holder, Request(held.Path, Context(2, Guid.NewGuid(), RWH)));
        var (_, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#02", "the lease of the first key, after the same client's open with another key");
        CheckNewLeaseState(context, "the same client's open with another key", RH, body.NewLeaseState);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        context.CheckStatus("3.3.4.7", null, "the open with the second key", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "3.3.4.7", Requirements = ["3.3.5.9.11#22", "3.3.5.9.11#18"],
        Title = "3.x, v2: while its lease breaks, the holder's new open with the same key gets the lease's current state and SMB2_LEASE_FLAG_BREAK_IN_PROGRESS")]
    public static Task BreakInProgressV2(ScenarioContext context) => BreakInProgressAsync(context, 2);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "3.3.4.7", Requirements = ["3.3.5.9.8#20", "3.3.5.9.8#17"],
        Title = "v1: while its lease breaks, the holder's new open with the same key gets the lease's current state and SMB2_LEASE_FLAG_BREAK_IN_PROGRESS")]
    public static Task BreakInProgressV1(ScenarioContext context) => BreakInProgressAsync(context, 1);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", "3.3.5.22.2", Requirements = ["3.3.4.7#11", "3.3.4.7#19", "3.3.4.7#20", "3.3.5.22.2#09"],
        Title = "A second conflict while a break is unacknowledged waits for it; the acknowledgment of RH is answered, then the break goes on from RH to NONE with the next epoch")]
    public static async Task DeferredBreakContinuesAfterTheAcknowledgment(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var opener = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var (_, first) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's holder, after another client's open");
        CheckNewLeaseState(context, "another client's open", RH, first.NewLeaseState);
        var third = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, held.Holder.Connection.Dialect!.Value));
        var overwriter = await OplockSteps.PostCreateAsync(context, third, OplockSteps.OpenRequest(held.Path, OplockLevel.None, CreateDisposition.FileOverwriteIf));
        // An ECHO answered behind it on the same connection: the server has taken up the overwrite (and
        // made it wait) before the acknowledgment below, however busy it is.
        await third.Connection.EchoAsync(cancellationToken: context.CancellationToken);
        await OplockSteps.ExpectNoBreakAsync(context, held.Holder, "3.3.4.7", "3.3.4.7#19", "the holder, while its first break is unacknowledged (Lease.Breaking: no second notification yet)");
        var acknowledged = await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#09", "Lease Break Acknowledgment of RH", NtStatus.Success, acknowledged.Status);
        var (_, second) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the holder, after acknowledging RH while an overwrite waits");
        context.CheckEqual("3.3.4.7", "3.3.4.7#19", "CurrentLeaseState of the second break", RH, second.CurrentLeaseState, Name);
        CheckNewLeaseState(context, "an overwriting open that waited for the first break (it takes read caching)", LeaseState.None, second.NewLeaseState);
        context.CheckEqual("3.3.4.7", "3.3.4.7#20", "NewEpoch of the second break (one more than the first's)", (ushort)(first.NewEpoch + 1), second.NewEpoch);
        await AcknowledgeAsync(context, held.Holder, held.Key, LeaseState.None);
        context.CheckStatus("3.3.4.7", null, "the first open, once the holder acknowledged", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, opener)).Status);
        context.CheckStatus("3.3.4.7", null, "the overwriting open, once the holder acknowledged NONE", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, overwriter)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#01", "3.3.4.7#14", "3.3.4.7#16", "3.3.4.7#20"],
        Title = "The break chain RWH to RH to R to NONE, one conflict at a time: each notification its own epoch, the last one (from R) asking for no acknowledgment")]
    public static async Task BreakChainDownToNone(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH, share: OplockSteps.ShareAll);
        var opener = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var (_, first) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#16", "the RWH lease, after another client's open");
        CheckNewLeaseState(context, "another client's open", RH, first.NewLeaseState);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        await OplockSteps.CompletionOfAsync(context, opener);
        var other = await OplockSteps.OpenAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var conflicting = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None, access: AccessMask.Delete | AccessMask.FileReadAttributes,
            share: ShareAccess.FileShareRead));
        var (_, second) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#16", "the RH lease, after an open whose sharing conflicts with the other open's write access");
        CheckNewLeaseState(context, "an open whose sharing conflicts (OPEN_BREAK_H)", R, second.NewLeaseState);
        context.CheckEqual("3.3.4.7", "3.3.4.7#20", "NewEpoch of the second break", (ushort)(first.NewEpoch + 1), second.NewEpoch);
        await AcknowledgeAsync(context, held.Holder, held.Key, R);
        await OplockSteps.CompletionOfAsync(context, conflicting);
        await held.Other.Connection.WriteAsync(other, 0, "written"u8.ToArray(), context.CancellationToken);
        var (_, third) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#14", "the R lease, after another client's write");
        CheckNewLeaseState(context, "another client's write (from R)", LeaseState.None, third.NewLeaseState);
        context.CheckEqual("3.3.4.7", "3.3.4.7#14", "Flags of the third break (from R)", LeaseBreakNotificationFlags.None, third.Flags);
        context.CheckEqual("3.3.4.7", "3.3.4.7#20", "NewEpoch of the third break", (ushort)(second.NewEpoch + 1), third.NewEpoch);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", "3.3.5.22.2", "3.3.1.11", Requirements = ["3.3.4.7#05", "3.3.5.22.2#03", "3.3.1.11#01"],
        Title = "The lease table is the client's: a break reaches the connection of the lease's open, and the client may acknowledge on another of its connections")]
    public static async Task AcknowledgmentOnAnotherConnectionOfTheClient(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var sibling = await SessionSteps.LogOnAsClientAsync(context, held.Holder.Client.ClientGuid, held.Holder.Connection.Dialect);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var (notification, _) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#05", "the RWH lease's holder");
        context.CheckTrue("3.3.4.7", "3.3.4.7#05", "the connection the notification came on", notification.Connection == held.Holder.Connection,
            "the connection of the lease's open", "another connection");
        var acknowledged = await AcknowledgeAsync(context, sibling, held.Key, RH);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#03", "Lease Break Acknowledgment sent on another connection with the same ClientGuid", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.4.7", null, "the other client's open", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#05", "3.3.4.7#06"],
        Title = "3.x: the lease break of an open whose connection is gone goes to another channel of its session, where it is acknowledged")]
    public static async Task LeaseBreakReachesAnotherChannel(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        if ((context.Capabilities.Capabilities[dialect] & GlobalCapabilities.Leasing) == 0)
        {
            throw new ScenarioInconclusiveException($"needs leasing at {dialect.ToDisplayString()}, the multichannel dialect");
        }
        var (first, second) = await SessionSteps.TwoChannelsAsync(context, dialect);
        var path = context.ScratchPath("lease-channels");
        var key = Guid.NewGuid();
        await HolderAsync(context, first, path, RWH, leaseKey: key, request: Request(path, Context(2, key, RWH), CreateDisposition.FileCreate));
        // The first channel goes as a network failure would take it: a TCP reset, no LOGOFF.
        await first.Connection.AbortAsync();
        var other = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        var conflicting = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None));
        var (notification, _) = await ExpectBreakAsync(context, first, key, "3.3.4.7", "3.3.4.7#06", "the lease holder's session, whose first channel is gone");
        context.CheckTrue("3.3.4.7", "3.3.4.7#06", "the connection the lease break came on", notification.Connection == second, "the session's remaining channel", notification.Connection.ToString());
        var acknowledged = await second.LeaseBreakAcknowledgmentAsync(first.Tree, key, RH, context.CancellationToken);
        context.CheckStatus("3.3.5.22.2", null, "the acknowledgment on the remaining channel", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.4.7", null, "the conflicting open, once the break was acknowledged", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, conflicting)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#02"],
        Title = "A batch oplock and a lease: a lease request breaks another client's batch oplock to level II, and gets no write caching")]
    public static async Task LeaseRequestBreaksBatchOplock(ScenarioContext context)
    {
        var holder = await ClientAsync(context, 2);
        var path = context.ScratchPath("oplock-then-lease");
        var held = await OplockSteps.HolderAsync(context, holder, path, OplockLevel.Batch);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, holder.Connection.Dialect!.Value));
        var second = await OplockSteps.PostCreateAsync(context, other, Request(path, Context(2, Guid.NewGuid(), RWH)));
        var body = OplockSteps.OplockForm(context, await OplockSteps.ExpectBreakAsync(context, holder, held, "3.3.4.6", null, "the batch oplock's holder, after another client's lease request"), "2.2.23.1#01");
        context.CheckEqual("3.3.4.6", null, "OplockLevel of the oplock break", OplockLevel.II, body.OplockLevel);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        var completed = context.CheckBody("3.3.5.9.11", "CREATE Response of the lease request", await OplockSteps.CompletionOfAsync(context, second));
        var grant = ExpectGrant(context, "3.3.5.9.11", "3.3.5.9.11#19", "the lease request after the batch oplock's break", completed);
        context.CheckTrue("3.3.5.9.11", "3.3.5.9.11#19", "LeaseState granted while another client holds level II", (grant.LeaseState & W) == 0, "no write caching", Name(grant.LeaseState));
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#02", "3.3.4.7#11"],
        Title = "A lease and an oplock: another client's batch oplock request breaks the lease's write caching and gets no exclusive oplock")]
    public static async Task OplockRequestBreaksLease(ScenarioContext context)
    {
        var held = await HeldAsync(context, RWH);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.Batch));
        var (_, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's holder, after another client's batch oplock request");
        CheckNewLeaseState(context, "another client's batch oplock request", RH, body.NewLeaseState);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        var completed = context.CheckBody("3.3.5.9", "CREATE Response of the oplock request", await OplockSteps.CompletionOfAsync(context, second));
        context.CheckTrue("3.3.5.9", null, "OplockLevel granted beside an RH lease", completed.OplockLevel is OplockLevel.None or OplockLevel.II, "NONE or II", completed.OplockLevel.ToString());
    }

    private static async Task EpochlessBreakAsync(ScenarioContext context, Dialect? dialect)
    {
        var held = await HeldAsync(context, RWH, version: 1, dialect: dialect ?? Smb3LeasingDialect(context));
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var (notification, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", $"the v1 RWH lease's holder at {held.Holder.Connection.Dialect?.ToDisplayString()}");
        var requirement = dialect == Dialect.Smb210 ? "2.2.23.2#03" : "3.3.4.7#21";
        context.CheckEqual(dialect == Dialect.Smb210 ? "2.2.23.2" : "3.3.4.7", requirement, $"NewEpoch of a v1 lease's break at {held.Holder.Connection.Dialect?.ToDisplayString()}", (ushort)0,
            notification.Response.Bytes.Span.U16(Smb2Header.Size + 2));
        CheckNewLeaseState(context, "another client's open", RH, body.NewLeaseState);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        context.CheckStatus("3.3.4.7", null, "the other client's open", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }

    /// <summary>The holder of <paramref name="state"/> sees another client's open do <paramref name="operation"/>; its lease breaks to <paramref name="expected"/>.</summary>
    private static async Task BrokenByAsync(ScenarioContext context, LeaseState state, LeaseState expected, string what, Func<Smb2Client, Open, Task<uint>> operation,
        AccessMask extraAccess = AccessMask.None)
    {
        var held = await HeldAsync(context, state);
        var other = await OplockSteps.OpenAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None, access: OplockSteps.ReadWrite | extraAccess));
        await OplockSteps.ExpectNoBreakAsync(context, held.Holder, "3.3.4.7", null, $"the {Name(state)} lease's holder after another client's plain open (nothing it caches is taken)");
        var operating = operation(held.Other, other);
        LeaseBreakNotification body;
        try
        {
            // Which operations break which caching is the object store's (MS-FSA 2.1.4.12), not a statement of MS-SMB2.
            (_, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", null, $"the {Name(state)} lease's holder, after {what} by another client (MS-FSA 2.1.4.12)");
        }
        catch when (operating.IsCompletedSuccessfully)
        {
            context.Observe($"{what} by the other client ended {NtStatus.Describe(operating.Result)}, and no break came");
            throw;
        }
        context.CheckEqual("3.3.4.7", "3.3.4.7#19", "CurrentLeaseState of the notification", state, body.CurrentLeaseState, Name);
        CheckNewLeaseState(context, $"{what} by another client", expected, body.NewLeaseState);
        context.CheckEqual("3.3.4.7", "3.3.4.7#16", $"Flags of the notification (a break from {Name(state)})", LeaseBreakNotificationFlags.AckRequired, body.Flags);
        await AcknowledgeAsync(context, held.Holder, held.Key, expected);
        context.CheckStatus("3.3.4.7", null, $"{what} by the other client", NtStatus.Success, await operating);
    }

    private static async Task BreakInProgressAsync(ScenarioContext context, int version)
    {
        var held = await HeldAsync(context, RWH, version);
        var second = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's holder, after another client's open");
        var clause = version == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        var (_, grant) = await LeasedOpenAsync(context, held.Holder, Request(held.Path, Context(version, held.Key, RWH)));
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#20" : "3.3.5.9.11#22", "SMB2_LEASE_FLAG_BREAK_IN_PROGRESS in the Flags of the holder's new open while its lease breaks",
            LeaseFlags.BreakInProgress, grant.Flags & LeaseFlags.BreakInProgress);
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#17" : "3.3.5.9.11#18", "LeaseState of the holder's new open while its lease breaks (not promoted: the existing state)",
            RWH, grant.LeaseState, Name);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        context.CheckStatus("3.3.4.7", null, "the other client's open", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }
}
