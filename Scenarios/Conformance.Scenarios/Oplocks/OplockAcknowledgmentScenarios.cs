using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Scenarios.Steps.OplockSteps;

namespace Conformance.Scenarios.Oplocks;

/// <summary>
/// Receiving an oplock break acknowledgment (3.3.5.22, 3.3.5.22.1) and the response (2.2.25.1): the
/// open is found by both halves of its FileId in the session, the acknowledged level is judged against
/// the open's level and state, and a valid one is answered with the level the client acknowledged.
/// </summary>
public static class OplockAcknowledgmentScenarios
{
    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", "2.2.25.1",
        Requirements = ["3.3.5.22.1#03", "3.3.5.22.1#09", "3.3.5.22.1#10", "3.3.5.22.1#11", "3.3.5.22.1#12", "2.2.25.1#01", "2.2.25.1#02", "2.2.25.1#03", "2.2.25.1#04", "2.2.25.1#05", "2.2.25.1#06", "2.2.25.1#07"],
        Title = "Acknowledging a break to level II at level II: an Oplock Break Response laid out as 2.2.25.1 says, with that level")]
    public static async Task AcknowledgingLevelTwoKeepsLevelTwo(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#09", "acknowledgment at level II of a break to level II", NtStatus.Success, acknowledged.Status);
        var span = acknowledged.Response.Bytes.Span;
        context.CheckEqual("2.2.25.1", "2.2.25.1#01", "StructureSize of the Oplock Break Response", (ushort)24, span.U16(Smb2Header.Size));
        var body = context.CheckBody("2.2.25.1", "Oplock Break Response", acknowledged);
        context.CheckEqual("2.2.25.1", "2.2.25.1#02", "OplockLevel of the response (the level acknowledged)", OplockLevel.II, body.OplockLevel);
        context.CheckEqual("2.2.25.1", "2.2.25.1#05", "Reserved of the response", (byte)0, body.Reserved);
        context.CheckEqual("2.2.25.1", "2.2.25.1#07", "Reserved2 of the response", 0U, body.Reserved2);
        context.CheckEqual("2.2.25.1", null, "FileId of the response", held.FileId, body.FileId);
        context.CheckStatus("3.3.5.22.1", null, "the open that waited", NtStatus.Success, (await CompletionOfAsync(context, second)).Status);
        var write = await context.LogOnAsync();
        var writer = await OpenAsync(context, write, OpenRequest(held.FileName, OplockLevel.None));
        await write.Connection.WriteAsync(writer, 0, "x"u8.ToArray(), context.CancellationToken);
        var levelTwoBreak = OplockForm(context, await ExpectBreakAsync(context, holder, held, "3.3.5.22.1", "3.3.5.22.1#11",
            "the holder, now at level II, after a write of another open"), "2.2.23.1#01");
        context.CheckEqual("3.3.5.22.1", "3.3.5.22.1#11", "OplockLevel of the level II holder's next break (it held level II)", OplockLevel.None, levelTwoBreak.OplockLevel);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", "2.2.25.1", Requirements = ["3.3.5.22.1#09", "3.3.5.22.1#11", "2.2.25.1#02"], Title = "Acknowledging a break to level II at none gives up the oplock")]
    public static async Task AcknowledgingNoneGivesUpTheOplock(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.None, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#09", "acknowledgment at none of a break to level II", NtStatus.Success, acknowledged.Status);
        var body = context.CheckBody("2.2.25.1", "Oplock Break Response", acknowledged);
        context.CheckEqual("2.2.25.1", "2.2.25.1#02", "OplockLevel of the response (the level acknowledged)", OplockLevel.None, body.OplockLevel);
        context.CheckStatus("3.3.5.22.1", null, "the open that waited", NtStatus.Success, (await CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#09"], Title = "A second acknowledgment of one break: STATUS_INVALID_DEVICE_STATE, the open is no longer breaking")]
    public static async Task SecondAcknowledgmentIsInvalidDeviceState(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        await CompletionOfAsync(context, second);
        // The open holds level II now; an acknowledgment at level II would be judged by #08, one at none by #09.
        var again = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.None, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#09", "a second acknowledgment, at none (Open.OplockState is no longer Breaking)", NtStatus.InvalidDeviceState, again.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#09"], Title = "Acknowledging when no break was sent: STATUS_INVALID_DEVICE_STATE")]
    public static async Task AcknowledgmentWithoutABreakIsInvalidDeviceState(ScenarioContext context)
    {
        var (holder, held, _, _) = await OplockBreakScenarios.HeldAsync(context, OplockLevel.Batch);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#09", "acknowledgment at level II of a batch oplock that is not breaking", NtStatus.InvalidDeviceState, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#07"],
        Title = "Acknowledging a batch oplock that is not breaking with the exclusive level: STATUS_INVALID_OPLOCK_PROTOCOL")]
    public static async Task ExclusiveLevelForABatchOplockIsInvalidOplockProtocol(ScenarioContext context)
    {
        var (holder, held, _, _) = await OplockBreakScenarios.HeldAsync(context, OplockLevel.Batch);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.Exclusive, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#07", "acknowledgment at SMB2_OPLOCK_LEVEL_EXCLUSIVE of a batch oplock that is not breaking", NtStatus.InvalidOplockProtocol, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#08"],
        Title = "Acknowledging a level II oplock that is not breaking at level II: STATUS_INVALID_OPLOCK_PROTOCOL")]
    public static async Task LevelTwoForALevelTwoOplockIsInvalidOplockProtocol(ScenarioContext context)
    {
        var (holder, held, _, _) = await OplockBreakScenarios.HeldAsync(context, OplockLevel.II);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#08", "acknowledgment at level II of a level II oplock that is not breaking", NtStatus.InvalidOplockProtocol, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#06"],
        Title = "Acknowledging with SMB2_OPLOCK_LEVEL_LEASE when no break was sent: STATUS_INVALID_PARAMETER")]
    public static async Task LeaseLevelWithoutABreakIsInvalidParameter(ScenarioContext context)
    {
        var (holder, held, _, _) = await OplockBreakScenarios.HeldAsync(context, OplockLevel.Batch);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.Lease, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#06", "acknowledgment at SMB2_OPLOCK_LEVEL_LEASE of an oplock that is not breaking", NtStatus.InvalidParameter, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#03", "3.3.5.22.1#04"], Title = "Acknowledging a FileId no open has: STATUS_FILE_CLOSED")]
    public static async Task UnknownFileIdIsFileClosed(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var unknown = new Open(client.Tree, client.Connection, new FileId(0x0123_4567_89AB_CDEF, 0x7654_3210_FEDC_BA98), "unknown");
        var acknowledged = await client.Connection.OplockBreakAcknowledgmentAsync(unknown, OplockLevel.None, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#04", "acknowledgment for a FileId no open of the session has", NtStatus.FileClosed, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#04"], Title = "Acknowledging with the right volatile but a wrong persistent FileId: STATUS_FILE_CLOSED")]
    public static async Task WrongPersistentFileIdIsFileClosed(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var wrong = new Open(holder.Tree, holder.Connection, new FileId(held.FileId.Persistent ^ 0x5A5A_0000_0000_0001, held.FileId.Volatile), held.FileName);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(wrong, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#04", "acknowledgment whose FileId.Persistent is not Open.DurableFileId", NtStatus.FileClosed, acknowledged.Status);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        await CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#03"],
        Title = "Acknowledging on another session of the same connection: the open is not in that session's table, STATUS_FILE_CLOSED")]
    public static async Task AcknowledgmentOnAnotherSessionIsFileClosed(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var setup = await holder.Connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        if (setup.Session is not { } otherSession)
        {
            throw new ScenarioInconclusiveException($"a second SESSION_SETUP on the connection failed ({NtStatus.Describe(setup.Status)})");
        }
        var tree = await holder.Connection.TreeConnectAsync(otherSession, context.Target.Share, cancellationToken: context.CancellationToken);
        if (tree.TreeConnect is not { } otherTree)
        {
            throw new ScenarioInconclusiveException($"TREE_CONNECT of the second session failed ({NtStatus.Describe(tree.Status)})");
        }
        var foreign = new Open(otherTree, holder.Connection, held.FileId, held.FileName);
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(foreign, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#03", "acknowledgment of the holder's FileId on another session (its Session.OpenTable has no such open)", NtStatus.FileClosed, acknowledged.Status);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        await CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22", Requirements = ["3.3.5.22#01"],
        Title = "2.1 and 3.x: a 36-byte acknowledgment is a lease acknowledgment: an unknown lease key is STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task LeaseFormIsALeaseAcknowledgment(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        if (client.Connection.Dialect is Dialect.Smb202)
        {
            throw new ScenarioInconclusiveException($"needs 2.1 or 3.x; {context.Target.Name} negotiated 2.0.2");
        }
        var acknowledged = await client.Connection.LeaseBreakAcknowledgmentAsync(client.Tree, Guid.NewGuid(), LeaseState.None, context.CancellationToken);
        // 3.3.5.22.2: no lease of this client has that key.
        context.CheckStatus("3.3.5.22", "3.3.5.22#01", "a 36-byte OPLOCK_BREAK acknowledgment for a lease key the client never used", NtStatus.ObjectNameNotFound, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22", "3.3.5.22.1", Requirements = ["3.3.5.22#02", "3.3.5.22.1#04"],
        Title = "2.0.2: a 24-byte acknowledgment is an oplock acknowledgment: an unknown FileId is STATUS_FILE_CLOSED")]
    public static async Task OplockFormAt202(ScenarioContext context)
    {
        var client = await AtDialectAsync(context, Dialect.Smb202);
        var unknown = new Open(client.Tree, client.Connection, new FileId(0x1111, 0x2222), "unknown");
        var acknowledged = await client.Connection.OplockBreakAcknowledgmentAsync(unknown, OplockLevel.None, context.CancellationToken);
        context.CheckStatus("3.3.5.22", "3.3.5.22#02", "a 24-byte OPLOCK_BREAK acknowledgment at 2.0.2 for an unknown FileId", NtStatus.FileClosed, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "2.2.24.1", Requirements = ["2.2.24.1#06", "2.2.24.1#08"],
        Title = "The server ignores the Reserved fields of an acknowledgment: one with both set is accepted")]
    public static async Task ReservedFieldsAreIgnored(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var body = new OplockBreakAcknowledgment { FileId = held.FileId, OplockLevel = OplockLevel.II, Reserved = 0xA5, Reserved2 = 0xDEADBEEF };
        var request = new Smb2Request(holder.Connection.Build(body, holder.Session, holder.Tree)) { Session = holder.Session, TreeConnect = holder.Tree, FileId = held.FileId };
        var acknowledged = Smb2Response<OplockBreakResponse>.From(await holder.Connection.SendOneAsync(request, context.CancellationToken));
        context.CheckStatus("2.2.24.1", "2.2.24.1#06", "an acknowledgment whose Reserved is 0xA5 and Reserved2 0xDEADBEEF", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.5.22.1", null, "the open that waited", NtStatus.Success, (await CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#01"], Title = "An acknowledgment naming no session: STATUS_USER_SESSION_DELETED")]
    public static async Task UnknownSessionIsUserSessionDeleted(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var message = holder.Connection.Build(new OplockBreakAcknowledgment { FileId = held.FileId, OplockLevel = OplockLevel.II }, holder.Session, holder.Tree);
        message.Header.SessionId ^= 0x0F0F_0000_0000_0000;
        var acknowledged = await holder.Connection.SendOneAsync(new Smb2Request(message) { Signing = RequestSigning.DoNotSign }, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#01", "an acknowledgment with a SessionId of no session (3.3.5.2.9)", NtStatus.UserSessionDeleted, acknowledged.Status);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        await CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#02"], Title = "An acknowledgment naming no tree connect: STATUS_NETWORK_NAME_DELETED")]
    public static async Task UnknownTreeIsNetworkNameDeleted(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var message = holder.Connection.Build(new OplockBreakAcknowledgment { FileId = held.FileId, OplockLevel = OplockLevel.II }, holder.Session, holder.Tree);
        message.Header.TreeId ^= 0x5A00_0000;
        var acknowledged = await holder.Connection.SendOneAsync(new Smb2Request(message) { Session = holder.Session }, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", "3.3.5.22.1#02", "an acknowledgment with a TreeId of no tree connect of the session (3.3.5.2.11)", NtStatus.NetworkNameDeleted, acknowledged.Status);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        await CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.22.1", Requirements = ["3.3.5.22.1#13"],
        Title = "The statuses of acknowledgment outcomes (accepted, not breaking, unknown FileId, wrong level) are laid out as MS-ERREF values")]
    public static async Task AcknowledgmentStatusesAreErrefValues(ScenarioContext context)
    {
        var (holder, held, second) = await BrokenAsync(context, OplockLevel.Batch);
        var answers = new List<(string Outcome, uint Status)>
        {
            ("an unknown FileId", (await holder.Connection.OplockBreakAcknowledgmentAsync(new Open(holder.Tree, holder.Connection, new FileId(7, 7), "unknown"), OplockLevel.None, context.CancellationToken)).Status),
            ("an accepted acknowledgment", (await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken)).Status),
            ("an open no longer breaking", (await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.None, context.CancellationToken)).Status),
            ("SMB2_OPLOCK_LEVEL_LEASE", (await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.Lease, context.CancellationToken)).Status),
        };
        await CompletionOfAsync(context, second);
        foreach (var (outcome, status) in answers)
        {
            context.CheckTrue("3.3.5.22.1", "3.3.5.22.1#13", $"the OPLOCK_BREAK status for {outcome}", NtStatus.HasMicrosoftDefinedLayout(status),
                "an MS-ERREF NTSTATUS: C (customer) bit 0x20000000 and N (reserved) bit 0x10000000 clear (MS-ERREF 2.3)", NtStatus.Describe(status));
        }
    }

    /// <summary>A batch or exclusive holder whose oplock a second open is breaking (the notification taken), and that open, posted.</summary>
    private static async Task<(Smb2Client Holder, Open Held, PendingRequest Second)> BrokenAsync(ScenarioContext context, OplockLevel level)
    {
        var (holder, held, other, path) = await OplockBreakScenarios.HeldAsync(context, level);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None));
        await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", "the holder, after a second open");
        return (holder, held, second);
    }
}
