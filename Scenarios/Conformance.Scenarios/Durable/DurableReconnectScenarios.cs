using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// Reconnecting a durable open (3.3.5.9.7 for DHnC, 3.3.5.9.12 for DH2C) after the connection is lost
/// (3.3.7.1 preserves it): the forum thread's case (reconnect on a new connection and session after the
/// server saw the loss: success, the same persistent FileId, a new volatile one) and its mirror
/// (reconnect while the original session still holds the open: STATUS_OBJECT_NAME_NOT_FOUND, step 7),
/// at every dialect that has durable handles.
/// </summary>
public static class DurableReconnectScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.7.1", "3.3.2.2", Requirements = ["3.3.5.9.7#03", "3.3.5.9.7#14", "3.3.5.9.7#15", "3.3.5.9.7#16", "3.3.5.9.7#18", "3.3.5.9.7#19", "3.3.7.1#06", "3.3.7.1#07", "3.3.7.1#10", "3.3.2.2#01"],
        Title = "2.0.2: a durable batch open reconnected with DHnC on a new connection and session after the disconnect: the same persistent FileId, a new volatile one")]
    public static Task ReconnectAfterLossV1At202(ScenarioContext context) => ReconnectAfterLossAsync(context, Dialect.Smb202, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.7.1", "3.3.2.2", Requirements = ["3.3.5.9.7#03", "3.3.5.9.7#14", "3.3.5.9.7#15", "3.3.5.9.7#16", "3.3.5.9.7#18", "3.3.5.9.7#19", "3.3.7.1#06", "3.3.7.1#07", "3.3.7.1#10", "3.3.2.2#01"],
        Title = "2.1: a durable batch open reconnected with DHnC on a new connection and session after the disconnect")]
    public static Task ReconnectAfterLossV1At210(ScenarioContext context) => ReconnectAfterLossAsync(context, Dialect.Smb210, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.7.1", "3.3.2.2", Requirements = ["3.3.5.9.7#03", "3.3.5.9.7#14", "3.3.5.9.7#15", "3.3.5.9.7#16", "3.3.5.9.7#18", "3.3.5.9.7#19", "3.3.7.1#06", "3.3.7.1#07", "3.3.7.1#10", "3.3.2.2#01"],
        Title = "3.0: a durable batch open reconnected with DHnC on a new connection and session after the disconnect")]
    public static Task ReconnectAfterLossV1At300(ScenarioContext context) => ReconnectAfterLossAsync(context, Dialect.Smb300, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.7.1", "3.3.2.2", Requirements = ["3.3.5.9.7#03", "3.3.5.9.7#14", "3.3.5.9.7#15", "3.3.5.9.7#16", "3.3.5.9.7#18", "3.3.5.9.7#19", "3.3.7.1#06", "3.3.7.1#07", "3.3.7.1#10", "3.3.2.2#01"],
        Title = "3.1.1: a durable batch open reconnected with DHnC on a new connection and session after the disconnect")]
    public static Task ReconnectAfterLossV1At311(ScenarioContext context) => ReconnectAfterLossAsync(context, Dialect.Smb311, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", "3.3.7.1", "3.3.2.2", Requirements = ["3.3.5.9.12#02", "3.3.5.9.12#10", "3.3.5.9.12#17", "3.3.5.9.12#18", "3.3.5.9.12#19", "3.3.5.9.12#22", "3.3.5.9.12#23", "3.3.7.1#06", "3.3.7.1#07", "3.3.7.1#10", "3.3.2.2#01"],
        Title = "3.0: a DH2Q batch open reconnected with DH2C on a new connection and session after the disconnect")]
    public static Task ReconnectAfterLossV2At300(ScenarioContext context) => ReconnectAfterLossAsync(context, Dialect.Smb300, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", "3.3.7.1", "3.3.2.2", Requirements = ["3.3.5.9.12#02", "3.3.5.9.12#10", "3.3.5.9.12#17", "3.3.5.9.12#18", "3.3.5.9.12#19", "3.3.5.9.12#22", "3.3.5.9.12#23", "3.3.7.1#06", "3.3.7.1#07", "3.3.7.1#10", "3.3.2.2#01"],
        Title = "3.0.2: a DH2Q batch open reconnected with DH2C on a new connection and session after the disconnect")]
    public static Task ReconnectAfterLossV2At302(ScenarioContext context) => ReconnectAfterLossAsync(context, Dialect.Smb302, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", "3.3.7.1", "3.3.2.2", Requirements = ["3.3.5.9.12#02", "3.3.5.9.12#10", "3.3.5.9.12#17", "3.3.5.9.12#18", "3.3.5.9.12#19", "3.3.5.9.12#22", "3.3.5.9.12#23", "3.3.7.1#06", "3.3.7.1#07", "3.3.7.1#10", "3.3.2.2#01"],
        Title = "3.1.1: a DH2Q batch open reconnected with DH2C on a new connection and session after the disconnect")]
    public static Task ReconnectAfterLossV2At311(ScenarioContext context) => ReconnectAfterLossAsync(context, Dialect.Smb311, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#10"],
        Title = "2.1: a DHnC while the original session still holds the open (no disconnect) fails with STATUS_OBJECT_NAME_NOT_FOUND (the forum thread's mirror)")]
    public static Task ReconnectWhileHeldV1At210(ScenarioContext context) => ReconnectWhileHeldAsync(context, Dialect.Smb210, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#10"],
        Title = "3.1.1: a DHnC while the original session still holds the open fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task ReconnectWhileHeldV1At311(ScenarioContext context) => ReconnectWhileHeldAsync(context, Dialect.Smb311, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#12"],
        Title = "3.0: a DH2C while the original session still holds the open fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task ReconnectWhileHeldV2At300(ScenarioContext context) => ReconnectWhileHeldAsync(context, Dialect.Smb300, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#12"],
        Title = "3.1.1: a DH2C while the original session still holds the open fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task ReconnectWhileHeldV2At311(ScenarioContext context) => ReconnectWhileHeldAsync(context, Dialect.Smb311, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.7.1", Requirements = ["3.3.5.9.7#14", "3.3.5.9.7#18"],
        Title = "Data written before the disconnect is read back through the reconnected open, and a write through it lands")]
    public static async Task DataSurvivesTheReconnect(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var open = await DurableOpenAsync(context, client, V1(context.ScratchPath("data")));
        var written = await client.Connection.WriteAsync(open, 0, "before the disconnect"u8.ToArray(), context.CancellationToken);
        context.CheckStatus("3.3.5.13", null, "WRITE before the disconnect", NtStatus.Success, written.Status);
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.5.9.7", "3.3.5.9.7#14", "DHnC after the disconnect", NtStatus.Success, reconnected.Status);
        var read = await again.Connection.ReadAsync(open, 0, 64, context.CancellationToken);
        context.CheckStatus("3.3.5.9.7", "3.3.5.9.7#18", "READ through the reconnected open", NtStatus.Success, read.Status);
        context.CheckEqual("3.3.5.9.7", "3.3.5.9.7#18", "the data read back", "before the disconnect", System.Text.Encoding.ASCII.GetString(read.Body!.Data.Span));
        var more = await again.Connection.WriteAsync(open, 21, " and after"u8.ToArray(), context.CancellationToken);
        context.CheckStatus("3.3.5.9.7", "3.3.5.9.7#18", "WRITE through the reconnected open", NtStatus.Success, more.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.5.9.12", Requirements = ["3.3.5.9.7#14", "3.3.5.9.12#10", "3.3.5.9.12#17"],
        Title = "3.x: an open made durable with DH2Q is reconnected with DHnC, and one made with DHnQ with DH2C (CreateGuid zero): each succeeds")]
    public static async Task VersionsReconnectEachOther(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        var v2Open = await DurableOpenAsync(context, client, V2(context.ScratchPath("v2-by-v1"), Guid.NewGuid()));
        var v1Open = await DurableOpenAsync(context, client, V1(context.ScratchPath("v1-by-v2")));
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var byV1 = await ReconnectAsync(context, again, v2Open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.5.9.7", "3.3.5.9.7#14", "DHnC of an open made durable with DH2Q", NtStatus.Success, byV1.Status);
        var byV2 = await ReconnectAsync(context, again, v1Open, ReconnectKind.DurableV2);
        context.CheckStatus("3.3.5.9.12", "3.3.5.9.12#10", "DH2C (CreateGuid zero, as the DHnQ open has none) of an open made durable with DHnQ", NtStatus.Success, byV2.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.5.9.6", Requirements = ["3.3.5.9.7#01", "3.3.5.9.6#01"],
        Title = "A DHnQ beside the DHnC of a reconnect is ignored: the reconnect succeeds")]
    public static async Task RequestBesideReconnectIsIgnored(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, SessionSteps.LeasingDialect(context)));
        var open = await DurableOpenAsync(context, client, V1(context.ScratchPath("dhnq-beside-dhnc")));
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1, request => request.CreateContexts.Add(new Adapters.Wire.CreateContexts.CreateDurableHandleRequest()));
        context.CheckStatus("3.3.5.9.7", "3.3.5.9.7#01", "DHnC with a DHnQ beside it (the DHnQ ignored)", NtStatus.Success, reconnected.Status);
        context.CheckStatus("3.3.5.9.6", "3.3.5.9.6#01", "the same CREATE, read as a reconnect (3.3.5.9.6 leaves a DHnQ beside a DHnC to 3.3.5.9.7)", NtStatus.Success, reconnected.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#N01"],
        Title = "3.x: the CREATE fields of a DH2C (DesiredAccess, ShareAccess, CreateOptions) other than the open's are ignored: the reconnect succeeds (current MS-SMB2; our text refused them)")]
    public static async Task ReconnectIgnoresTheCreateFields(ScenarioContext context)
    {
        var client = await ClientAsync(context);
        var open = await DurableOpenAsync(context, client, V2(context.ScratchPath("fields"), Guid.NewGuid()));
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2, request =>
        {
            request.DesiredAccess = AccessMask.FileReadAttributes;
            request.ShareAccess = ShareAccess.None;
            request.CreateOptions |= CreateOptions.FileWriteThrough;
        });
        context.CheckStatus("3.3.5.9.12", "3.3.5.9.12#N01", "DH2C whose DesiredAccess, ShareAccess and CreateOptions differ from the open's", NtStatus.Success, reconnected.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.7.1", Requirements = ["3.3.5.9.7#14", "3.3.7.1#07"],
        Title = "A byte-range lock taken before the disconnect is still held after the reconnect: another client's conflicting lock fails")]
    public static async Task LocksSurviveTheReconnect(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var path = context.ScratchPath("locked");
        var open = await DurableOpenAsync(context, client, V1(path));
        var locked = await client.Connection.LockAsync(open, [new LockElement(0, 10, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.14", null, "LOCK before the disconnect", NtStatus.Success, locked.Status);
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.5.9.7", "3.3.5.9.7#14", "DHnC after the disconnect", NtStatus.Success, reconnected.Status);
        var other = await context.LogOnAsync();
        var pending = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None, CreateDisposition.FileOpen));
        await OplockSteps.ExpectBreakAsync(context, again, open, "3.3.4.6", null, "the reconnected batch open, after another client's open");
        await again.Connection.OplockBreakAcknowledgmentAsync(open, OplockLevel.II, context.CancellationToken);
        var second = await OplockSteps.CompletionOfAsync(context, pending);
        var secondOpen = second.Body is { } body ? new Open(other.Tree, other.Connection, body.FileId, path)
            : throw new ScenarioInconclusiveException($"a second open of the file failed ({NtStatus.Describe(second.Status)})");
        var conflicting = await other.Connection.LockAsync(secondOpen, [new LockElement(0, 10, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.7.1", "3.3.7.1#07", "another client's conflicting LOCK after the reconnect (the preserved open kept its lock)", NtStatus.LockNotGranted, conflicting.Status);
    }

    private static async Task ReconnectAfterLossAsync(ScenarioContext context, Dialect dialect, ReconnectKind kind)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));
        var path = context.ScratchPath($"reconnect-{dialect.ToDisplayString()}");
        var open = await DurableOpenAsync(context, client, kind == ReconnectKind.DurableV1 ? V1(path) : V2(path, Guid.NewGuid()));
        var before = open.FileId;
        await DisconnectAsync(context, client);
        var again = await SameClientAsync(context, client);
        var reconnected = await ReconnectAsync(context, again, open, kind);
        var (clause, requirement) = kind == ReconnectKind.DurableV1 ? ("3.3.5.9.7", "3.3.5.9.7#14") : ("3.3.5.9.12", "3.3.5.9.12#17");
        var response = context.CheckBody(clause, $"{(kind == ReconnectKind.DurableV1 ? "DHnC" : "DH2C")} on a new connection and session after the server saw the disconnect (the forum thread's case)",
            reconnected.Response);
        context.CheckEqual(clause, kind == ReconnectKind.DurableV1 ? "3.3.5.9.7#03" : "3.3.5.9.12#02", "FileId.Persistent of the reconnected open", before.Persistent, response.FileId.Persistent, id => $"0x{id:X16}");
        context.CheckEqual(clause, kind == ReconnectKind.DurableV1 ? "3.3.5.9.7#19" : "3.3.5.9.12#23", "OplockLevel of the reconnected open (not acquired again)", OplockLevel.Batch, response.OplockLevel);
        if (response.FileId.Volatile == before.Volatile)
        {
            context.Observe($"the reconnect kept the volatile FileId 0x{before.Volatile:X16} (3.3.5.9.7 step 14 regenerates it; a value the new session never had is as good)");
        }
        var read = await again.Connection.ReadAsync(open, 0, 1, context.CancellationToken);
        context.CheckStatus(clause, kind == ReconnectKind.DurableV1 ? "3.3.5.9.7#18" : "3.3.5.9.12#22", "READ through the reconnected open on the new session and tree (Session.OpenTable holds it)",
            NtStatus.EndOfFile, read.Status);
        context.CheckStatus(clause, kind == ReconnectKind.DurableV1 ? "3.3.5.9.7#16" : "3.3.5.9.12#19", "the same READ, naming the new TreeId (Open.TreeConnect)", NtStatus.EndOfFile, read.Status);
        context.CheckStatus(clause, kind == ReconnectKind.DurableV1 ? "3.3.5.9.7#15" : "3.3.5.9.12#18", "the same READ, naming the new SessionId (Open.Session)", NtStatus.EndOfFile, read.Status);
        context.CheckTrue(clause, requirement, "the reconnected open's client state", reconnected.Open is not null, "rebound to the new connection", "not rebound");
        context.CheckStatus("3.3.7.1", "3.3.7.1#07", "the reconnect of the durable batch open (3.3.7.1 preserved it on the loss)", NtStatus.Success, reconnected.Status);
        context.CheckStatus("3.3.2.2", "3.3.2.2#01", "the reconnect right after the loss (well within the durable time-out)", NtStatus.Success, reconnected.Status);
    }

    private static async Task ReconnectWhileHeldAsync(ScenarioContext context, Dialect dialect, ReconnectKind kind)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));
        var path = context.ScratchPath($"held-{dialect.ToDisplayString()}");
        var open = await DurableOpenAsync(context, client, kind == ReconnectKind.DurableV1 ? V1(path) : V2(path, Guid.NewGuid()));
        var again = await SameClientAsync(context, client);
        var refused = await again.Connection.CreateAsync(again.Tree, again.Connection.ReconnectRequest(open, kind), context.CancellationToken);
        context.CheckStatus(kind == ReconnectKind.DurableV1 ? "3.3.5.9.7" : "3.3.5.9.12", kind == ReconnectKind.DurableV1 ? "3.3.5.9.7#10" : "3.3.5.9.12#12",
            "reconnect on a new connection while the original session still holds the open (Open.Session is not NULL)", NtStatus.ObjectNameNotFound, refused.Status);
        var stillThere = await client.Connection.ReadAsync(open, 0, 1, context.CancellationToken);
        context.CheckStatus("3.3.5.9.7", null, "READ through the original open after the refused reconnect (it is untouched)", NtStatus.EndOfFile, stillThere.Status);
    }
}
