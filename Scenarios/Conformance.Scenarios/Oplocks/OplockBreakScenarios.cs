using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Scenarios.Steps.OplockSteps;

namespace Conformance.Scenarios.Oplocks;

/// <summary>
/// Object store indicates an oplock break (3.3.4.6) and the notification it sends (2.2.23.1): what
/// breaks an exclusive or batch oplock (another open, to level II; an overwriting open, to none) and
/// what breaks level II (a write, a lock, a new end of file, to none, with nothing to acknowledge);
/// what breaks nothing; and the conflicting request held up until the holder answers.
/// </summary>
public static class OplockBreakScenarios
{
    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", "2.2.23.1",
        Requirements = ["3.3.4.6#02", "3.3.4.6#04", "3.3.4.6#07", "3.3.4.6#08", "3.3.4.6#09", "3.3.4.6#10", "3.3.4.6#11", "2.2.23.1#01", "2.2.23.1#02", "2.2.23.1#03", "2.2.23.1#04", "2.2.23.1#05", "2.2.23.1#06"],
        Title = "A second open breaks a batch oplock to level II with an Oplock Break Notification laid out as 2.2.23.1 says")]
    public static async Task SecondOpenBreaksBatchToLevelTwo(ScenarioContext context)
    {
        var (holder, held, other, path) = await HeldAsync(context, OplockLevel.Batch);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None));
        var notification = await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", "the batch oplock's holder, after a second open of the file");
        var header = notification.Response.Header;
        context.CheckEqual("3.3.4.6", "3.3.4.6#08", "Command of the notification", Smb2Command.OplockBreak, header.Command);
        context.CheckEqual("3.3.4.6", "3.3.4.6#08", "MessageId of the notification", ulong.MaxValue, header.MessageId, id => $"0x{id:X16}");
        context.CheckEqual("3.3.4.6", "3.3.4.6#09", "SessionId of the notification", 0UL, header.SessionId, id => $"0x{id:X16}");
        context.CheckEqual("3.3.4.6", "3.3.4.6#09", "TreeId of the notification", 0U, header.TreeId, id => $"0x{id:X8}");
        var span = notification.Response.Bytes.Span;
        context.CheckEqual("2.2.23.1", "2.2.23.1#01", "StructureSize of the notification", (ushort)24, span.U16(Smb2Header.Size));
        var body = OplockForm(context, notification, "2.2.23.1#01");
        context.CheckEqual("3.3.4.6", "3.3.4.6#10", "FileId of the notification ({DurableFileId, FileId} of the open)", held.FileId, body.FileId);
        context.CheckEqual("3.3.4.6", "3.3.4.6#11", "OplockLevel of the notification (a batch oplock broken by a non-overwriting open)", OplockLevel.II, body.OplockLevel);
        context.CheckTrue("2.2.23.1", "2.2.23.1#02", "OplockLevel of the notification", body.OplockLevel is OplockLevel.None or OplockLevel.II, "SMB2_OPLOCK_LEVEL_NONE or _II", body.OplockLevel.ToString());
        context.CheckEqual("2.2.23.1", "2.2.23.1#04", "Reserved of the notification", (byte)0, body.Reserved);
        context.CheckEqual("2.2.23.1", "2.2.23.1#06", "Reserved2 of the notification", 0U, body.Reserved2);
        if (header.IsSigned)
        {
            context.Observe("the oplock break notification was signed (3.3.4.6 says it SHOULD NOT be)");
        }
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        var completed = await CompletionOfAsync(context, second);
        context.CheckStatus("3.3.4.6", null, "the second open, once the break was acknowledged", NtStatus.Success, completed.Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", Requirements = ["3.3.4.6#07", "3.3.4.6#11"], Title = "A second open breaks an exclusive oplock to level II")]
    public static async Task SecondOpenBreaksExclusiveToLevelTwo(ScenarioContext context)
    {
        var (holder, held, other, path) = await HeldAsync(context, OplockLevel.Exclusive);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None));
        var body = OplockForm(context, await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", "the exclusive oplock's holder, after a second open"), "2.2.23.1#01");
        context.CheckEqual("3.3.4.6", "3.3.4.6#11", "OplockLevel of the notification (an exclusive oplock broken by a non-overwriting open)", OplockLevel.II, body.OplockLevel);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.4.6", null, "the second open, once the break was acknowledged", NtStatus.Success, (await CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", Requirements = ["3.3.4.6#01", "3.3.4.6#11"], Title = "An overwriting open breaks a batch oplock to none")]
    public static async Task OverwriteBreaksBatchToNone(ScenarioContext context)
    {
        var (holder, held, other, path) = await HeldAsync(context, OplockLevel.Batch);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None, CreateDisposition.FileOverwriteIf));
        var body = OplockForm(context, await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#11", "the batch oplock's holder, after an overwriting open"), "2.2.23.1#01");
        context.CheckEqual("3.3.4.6", "3.3.4.6#11", "OplockLevel of the notification (MS-FSA 2.1.4.12: an overwrite breaks to none)", OplockLevel.None, body.OplockLevel);
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.None, context.CancellationToken);
        context.CheckStatus("3.3.4.6", null, "the overwriting open, once the break was acknowledged", NtStatus.Success, (await CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", "2.2.24.1", Requirements = ["3.3.4.6#07", "2.2.24.1#02"],
        Title = "A write by another open breaks level II to none and does not wait: a level II break is not acknowledged")]
    public static Task WriteBreaksLevelTwoToNone(ScenarioContext context) =>
        LevelTwoBrokenByAsync(context, "a WRITE", async (client, open) => (await client.Connection.WriteAsync(open, 0, "written"u8.ToArray(), context.CancellationToken)).Status);

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", "2.2.24.1", Requirements = ["3.3.4.6#07", "2.2.24.1#02"], Title = "A byte-range lock by another open breaks level II to none")]
    public static Task LockBreaksLevelTwoToNone(ScenarioContext context) =>
        LevelTwoBrokenByAsync(context, "a LOCK", async (client, open) =>
            (await client.Connection.LockAsync(open, [new LockElement(0, 1, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken)).Status);

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", "2.2.24.1", Requirements = ["3.3.4.6#07", "2.2.24.1#02"], Title = "Setting the end of file by another open breaks level II to none")]
    public static Task EndOfFileBreaksLevelTwoToNone(ScenarioContext context) =>
        LevelTwoBrokenByAsync(context, "SET_INFO FileEndOfFileInformation", async (client, open) =>
            (await client.Connection.SetInfoAsync(open, new SetInfoRequest
            {
                InfoType = InfoType.File,
                FileInfoClass = (byte)FileInformationClass.FileEndOfFileInformation,
                FileId = open.FileId,
                Buffer = new FileEndOfFileInformation { EndOfFile = 3 }.ToBytes(),
            }, context.CancellationToken)).Status);

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", Title = "An open asking only for attributes breaks no batch oplock (MS-FSA 2.1.4.12)")]
    public static async Task AttributeOnlyOpenBreaksNothing(ScenarioContext context)
    {
        var (holder, _, other, path) = await HeldAsync(context, OplockLevel.Batch);
        var attributes = await other.Connection.CreateAsync(other.Tree,
            OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen, AccessMask.FileReadAttributes | AccessMask.Synchronize), context.CancellationToken);
        context.CheckStatus("3.3.4.6", null, "an open for FILE_READ_ATTRIBUTES of a file with a batch oplock", NtStatus.Success, attributes.Status);
        await ExpectNoBreakAsync(context, holder, "3.3.4.6", null, "the batch oplock's holder after an attribute-only open");
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", "3.3.4.2", Requirements = ["3.3.4.6#12"],
        Title = "The conflicting open waits for the acknowledgment while its connection serves other requests")]
    public static async Task ConflictingOpenWaitsForTheAcknowledgment(ScenarioContext context)
    {
        var (holder, held, other, path) = await HeldAsync(context, OplockLevel.Batch);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.None));
        await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", "the batch oplock's holder");
        var echo = await other.Connection.EchoAsync(cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.4.2", null, "an ECHO on the waiting open's connection", NtStatus.Success, echo.Status);
        context.CheckTrue("3.3.4.6", "3.3.4.6#12", "the second open before the acknowledgment (the open is Breaking)", !second.IsCompleted,
            "still waiting", "completed");
        if (second.InterimResponses.Count == 0)
        {
            context.Observe("the waiting CREATE got no interim STATUS_PENDING response (3.3.4.2 says it SHOULD for a create blocked by an oplock break)");
        }
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.4.6", null, "the second open, once the break was acknowledged", NtStatus.Success, (await CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", Requirements = ["3.3.4.6#07"], Title = "A batch holder that closes its open instead of acknowledging lets the waiting open go on")]
    public static async Task HolderClosingEndsTheBreak(ScenarioContext context)
    {
        var (holder, held, other, path) = await HeldAsync(context, OplockLevel.Batch);
        var second = await PostCreateAsync(context, other, OpenRequest(path, OplockLevel.Batch));
        await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", "the batch oplock's holder");
        var closed = await holder.Connection.CloseAsync(held, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.10", null, "CLOSE of the open being broken", NtStatus.Success, closed.Status);
        var completed = await CompletionOfAsync(context, second);
        context.CheckStatus("3.3.4.6", null, "the second open, once the holder closed", NtStatus.Success, completed.Status);
        if (completed.Body?.OplockLevel != OplockLevel.Batch)
        {
            context.Observe($"the second open, now the file's only one, got {completed.Body?.OplockLevel} rather than the batch oplock it asked for");
        }
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.4.6", Requirements = ["3.3.4.6#07"],
        Title = "An open that breaks an oplock held on its own connection completes after the acknowledgment sent on that connection")]
    public static async Task BreakOnTheSameConnection(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var path = context.ScratchPath("same-connection");
        var held = await HolderAsync(context, client, path, OplockLevel.Batch);
        var second = await PostCreateAsync(context, client, OpenRequest(path, OplockLevel.None));
        var notification = await ExpectBreakAsync(context, client, held, "3.3.4.6", "3.3.4.6#07", "the holder, whose own connection made the second open");
        context.CheckTrue("3.3.4.6", "3.3.4.6#07", "the connection the notification came on", notification.Connection == client.Connection, "the holder's (and second open's) connection", notification.Connection.ToString());
        var acknowledged = await client.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II, context.CancellationToken);
        context.CheckStatus("3.3.5.22.1", null, "the acknowledgment on the same connection", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.4.6", null, "the second open on the same connection", NtStatus.Success, (await CompletionOfAsync(context, second)).Status);
    }

    /// <summary>A new file held with <paramref name="level"/> by one client, and a second client on another connection.</summary>
    internal static async Task<(Smb2Client Holder, Open Held, Smb2Client Other, string Path)> HeldAsync(ScenarioContext context, OplockLevel level)
    {
        var holder = await context.LogOnAsync();
        var path = context.ScratchPath($"held-{level}");
        var held = await HolderAsync(context, holder, path, level);
        var other = await context.LogOnAsync();
        return (holder, held, other, path);
    }

    /// <summary>A level II holder, and another open's operation: the holder's break to none, and the operation done without waiting for an acknowledgment.</summary>
    private static async Task LevelTwoBrokenByAsync(ScenarioContext context, string operation, Func<Smb2Client, Open, Task<uint>> act)
    {
        var (holder, held, other, path) = await HeldAsync(context, OplockLevel.II);
        var writer = await OpenAsync(context, other, OpenRequest(path, OplockLevel.None));
        var status = await act(other, writer);
        context.CheckStatus("3.3.4.6", null, $"{operation} of another open, with no acknowledgment sent", NtStatus.Success, status);
        var body = OplockForm(context, await ExpectBreakAsync(context, holder, held, "3.3.4.6", "3.3.4.6#07", $"the level II holder after {operation} of another open"), "2.2.23.1#01");
        context.CheckEqual("2.2.24.1", "2.2.24.1#02", "OplockLevel of a level II oplock's break", OplockLevel.None, body.OplockLevel);
    }
}
