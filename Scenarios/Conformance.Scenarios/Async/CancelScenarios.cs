using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Async;

/// <summary>
/// SMB2 CANCEL (3.3.5.16, 2.2.30) of requests that went async (3.3.4.2): a CHANGE_NOTIFY, a blocking
/// LOCK, a CREATE waiting on an oplock break. The async form is matched by AsyncId alone (its MessageId
/// need not match and its SessionId may be 0, as the forum question in the spec notes found of Windows
/// clients); the sync form by MessageId; a CANCEL that names nothing is dropped. A CANCEL is never
/// answered: a response to it would have no request to match, which the client reports as a fault of
/// the connection, so the ECHO that follows each one proves none came.
/// </summary>
public static class CancelScenarios
{
    [Scenario(ScenarioFamily.Async, "3.3.5.16", Requirements = ["3.3.5.16#02", "3.3.5.16#05", "3.3.5.16#06", "3.3.5.16#08"],
        Title = "An async CANCEL (SMB2_FLAGS_ASYNC_COMMAND, the AsyncId of the interim response) ends a pending CHANGE_NOTIFY with STATUS_CANCELLED")]
    public static async Task AsyncCancelEndsAChangeNotify(ScenarioContext context)
    {
        var (client, notify) = await PendingNotifyAsync(context, "cancel-async");
        await client.Connection.CancelAsync(notify, context.CancellationToken);
        await ExpectCancelledAsync(context, client, notify, "3.3.5.16#06", "CHANGE_NOTIFY cancelled by AsyncId");
    }

    [Scenario(ScenarioFamily.Async, "3.3.5.16", Requirements = ["3.3.5.16#02", "3.3.5.16#06"],
        Title = "An async CANCEL is matched by AsyncId alone: with MessageId 0 (as Windows clients send it) it still cancels the CHANGE_NOTIFY")]
    public static async Task AsyncCancelIgnoresTheMessageId(ScenarioContext context)
    {
        var (client, notify) = await PendingNotifyAsync(context, "cancel-messageid-0");
        await client.Connection.CancelAsync(0, notify.AsyncId, notify.Message.Header.SessionId, cancellationToken: context.CancellationToken);
        await ExpectCancelledAsync(context, client, notify, "3.3.5.16#02", "CHANGE_NOTIFY cancelled by an async CANCEL whose MessageId is 0");
    }

    [Scenario(ScenarioFamily.Async, "3.3.5.16", Requirements = ["3.3.5.16#02", "3.3.5.16#06"],
        Title = "An async CANCEL with SessionId 0 (2.2.1.1: SHOULD be 0 for CANCEL) still cancels the CHANGE_NOTIFY")]
    public static async Task AsyncCancelWithSessionIdZero(ScenarioContext context)
    {
        var (client, notify) = await PendingNotifyAsync(context, "cancel-session-0");
        await client.Connection.CancelAsync(notify.MessageId, notify.AsyncId, sessionId: 0, cancellationToken: context.CancellationToken);
        await ExpectCancelledAsync(context, client, notify, "3.3.5.16#02", "CHANGE_NOTIFY cancelled by an async CANCEL with SessionId 0");
    }

    [Scenario(ScenarioFamily.Async, "3.3.5.16", Requirements = ["3.3.5.16#03", "3.3.5.16#06"],
        Title = "A sync CANCEL (no SMB2_FLAGS_ASYNC_COMMAND) is matched by MessageId: it cancels the pending CHANGE_NOTIFY of that MessageId")]
    public static async Task SyncCancelByMessageId(ScenarioContext context)
    {
        var (client, notify) = await PendingNotifyAsync(context, "cancel-sync");
        await client.Connection.CancelAsync(notify.MessageId, asyncId: null, notify.Message.Header.SessionId, notify.Message.Header.TreeId, context.CancellationToken);
        await ExpectCancelledAsync(context, client, notify, "3.3.5.16#03", "CHANGE_NOTIFY cancelled by a sync CANCEL with its MessageId");
    }

    [Scenario(ScenarioFamily.Async, "3.3.5.16", Requirements = ["3.3.5.16#04"],
        Title = "A CANCEL naming no request (an AsyncId nothing has, then a MessageId nothing used) is dropped: no response, and the pending CHANGE_NOTIFY stays pending")]
    public static async Task CancelOfNothingIsDropped(ScenarioContext context)
    {
        var (client, notify) = await PendingNotifyAsync(context, "cancel-nothing");
        await client.Connection.CancelAsync(notify.MessageId, (notify.AsyncId ?? 0) ^ 0x5A5A, notify.Message.Header.SessionId, cancellationToken: context.CancellationToken);
        await client.Connection.CancelAsync(notify.MessageId + 100_000, asyncId: null, notify.Message.Header.SessionId, cancellationToken: context.CancellationToken);
        var echo = await client.Connection.EchoAsync(cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.16", "3.3.5.16#04", "ECHO after two CANCELs naming nothing (a response to either would have come first)", NtStatus.Success, echo.Status);
        context.CheckTrue("3.3.5.16", "3.3.5.16#04", "the CHANGE_NOTIFY after the CANCELs naming nothing", !notify.IsCompleted, "still pending", "answered");
        await client.Connection.CancelAsync(notify, context.CancellationToken);
        await notify.WaitAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Async, "3.3.5.16", Requirements = ["3.3.5.16#02", "3.3.5.16#06"],
        Title = "A LOCK waiting for another open's byte-range lock goes async; an async CANCEL ends it with STATUS_CANCELLED")]
    public static async Task CancelEndsABlockingLock(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var path = context.ScratchPath("blocking-lock");
        var holder = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileCreate));
        var locked = await client.Connection.LockAsync(holder, [new LockElement(0, 10, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.14", null, "the first byte-range lock", NtStatus.Success, locked.Status);
        var waiter = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(path, OplockLevel.None));
        var request = RequestSteps.Request(client, new LockRequest { FileId = waiter.FileId, Locks = [new LockElement(0, 10, LockFlags.ExclusiveLock)] });
        var pending = (await client.Connection.PostAsync([request], context.CancellationToken))[0]!;
        var interim = await pending.WaitForInterimAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        if (interim.Status != NtStatus.Pending)
        {
            throw new ScenarioInconclusiveException($"the conflicting LOCK did not go async (it answered {NtStatus.Describe(interim.Status)}): the step before the behaviour under test");
        }
        await client.Connection.CancelAsync(pending, context.CancellationToken);
        await ExpectCancelledAsync(context, client, pending, "3.3.5.16#06", "blocking LOCK cancelled by AsyncId");
    }

    [Scenario(ScenarioFamily.Async, "3.3.5.16", "3.3.4.6", Requirements = ["3.3.5.16#02", "3.3.5.16#06"],
        Title = "A CREATE waiting on another client's oplock break goes async; an async CANCEL ends it with STATUS_CANCELLED, and the holder may still acknowledge")]
    public static async Task CancelEndsACreateWaitingOnABreak(ScenarioContext context)
    {
        var holder = await context.LogOnAsync();
        var path = context.ScratchPath("cancel-create");
        var held = await OplockSteps.HolderAsync(context, holder, path, OplockLevel.Batch);
        var other = await context.LogOnAsync();
        var waiting = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None));
        await OplockSteps.ExpectBreakAsync(context, holder, held, "3.3.4.6", null, "the batch oplock's holder");
        var interim = await waiting.WaitForInterimAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        if (interim.Status != NtStatus.Pending)
        {
            throw new ScenarioInconclusiveException($"the CREATE waiting on the break did not go async (it answered {NtStatus.Describe(interim.Status)})");
        }
        await other.Connection.CancelAsync(waiting, context.CancellationToken);
        await ExpectCancelledAsync(context, other, waiting, "3.3.5.16#06", "CREATE waiting on an oplock break, cancelled by AsyncId");
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.Observe($"the holder's acknowledgment after the waiting CREATE was cancelled: {NtStatus.Describe(acknowledged.Status)}");
    }

    [Scenario(ScenarioFamily.Async, "3.3.5.16", Requirements = ["3.3.5.16#01", "3.3.5.16#06"],
        Title = "A CANCEL escapes the signing checks (3.3.5.2.4): on a session that signs, an unsigned async CANCEL still cancels the CHANGE_NOTIFY")]
    public static async Task UnsignedCancelOnASigningSession(ScenarioContext context)
    {
        var (client, notify) = await PendingNotifyAsync(context, "cancel-unsigned");
        if (!client.Session.SigningRequired && client.Connection.Dialect != Dialect.Smb311)
        {
            throw new ScenarioInconclusiveException("the session does not sign (3.1.1 is not negotiated and the target does not require signing)");
        }
        var message = Smb2Message.For(new CancelRequest());
        message.Header.MessageId = notify.MessageId;
        message.Header.Flags |= Smb2HeaderFlags.AsyncCommand;
        message.Header.AsyncId = notify.AsyncId ?? 0;
        message.Header.SessionId = client.Session.SessionId;
        await client.Connection.PostAsync([new Smb2Request(message) { MessageId = notify.MessageId, CreditRequest = 0, Signing = RequestSigning.DoNotSign }], context.CancellationToken);
        await ExpectCancelledAsync(context, client, notify, "3.3.5.16#01", "CHANGE_NOTIFY cancelled by an unsigned CANCEL");
    }

    [Scenario(ScenarioFamily.Async, "2.2.30", Requirements = ["2.2.30#04"],
        Title = "The Reserved field of a CANCEL is ignored: an async CANCEL with Reserved 0xFFFF still cancels the CHANGE_NOTIFY")]
    public static async Task CancelReservedIsIgnored(ScenarioContext context)
    {
        var (client, notify) = await PendingNotifyAsync(context, "cancel-reserved");
        var message = Smb2Message.For(new CancelRequest { Reserved = 0xFFFF });
        message.Header.MessageId = notify.MessageId;
        message.Header.Flags |= Smb2HeaderFlags.AsyncCommand;
        message.Header.AsyncId = notify.AsyncId ?? 0;
        message.Header.SessionId = client.Session.SessionId;
        await client.Connection.PostAsync([new Smb2Request(message) { MessageId = notify.MessageId, CreditRequest = 0 }], context.CancellationToken);
        await ExpectCancelledAsync(context, client, notify, "2.2.30#04", "CHANGE_NOTIFY cancelled by a CANCEL with Reserved 0xFFFF");
    }

    /// <summary>A directory open of a new directory with a CHANGE_NOTIFY on it that went async (an interim STATUS_PENDING with an AsyncId).</summary>
    private static async Task<(Smb2Client Client, PendingRequest Notify)> PendingNotifyAsync(ScenarioContext context, string name)
    {
        var client = await context.LogOnAsync();
        var request = OplockSteps.OpenRequest(context.ScratchPath(name), OplockLevel.None, CreateDisposition.FileCreate, AccessMask.GenericRead | AccessMask.Delete,
            options: CreateOptions.FileDirectoryFile | CreateOptions.FileDeleteOnClose);
        var directory = await OplockSteps.OpenAsync(context, client, request);
        var notify = (await client.Connection.PostAsync([RequestSteps.Request(client, new ChangeNotifyRequest { FileId = directory.FileId, CompletionFilter = (CompletionFilter)0x17, OutputBufferLength = 1024 })],
            context.CancellationToken))[0]!;
        var interim = await notify.WaitForInterimAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        if (interim.Status != NtStatus.Pending || notify.AsyncId is null)
        {
            throw new ScenarioInconclusiveException($"the CHANGE_NOTIFY did not go async (it answered {NtStatus.Describe(interim.Status)}): the step before the behaviour under test");
        }
        return (client, notify);
    }

    /// <summary>The target ends with STATUS_CANCELLED, and an ECHO after it shows the CANCEL drew no response of its own.</summary>
    private static async Task ExpectCancelledAsync(ScenarioContext context, Smb2Client client, PendingRequest target, string requirement, string subject)
    {
        Smb2Response final;
        try
        {
            final = await target.WaitAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout)
        {
            context.Fail("3.3.5.16", requirement, subject, NtStatus.Describe(NtStatus.Cancelled), $"no response within {context.ConnectionOptions.ResponseTimeout.TotalSeconds:0} s (the request was not cancelled)");
            throw;
        }
        context.CheckStatus("3.3.5.16", requirement, subject, NtStatus.Cancelled, final.Status);
        var echo = await client.Connection.EchoAsync(cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.16", null, "ECHO after the CANCEL (a response to the CANCEL itself would have come first)", NtStatus.Success, echo.Status);
    }
}
