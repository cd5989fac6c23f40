using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Scenarios.Steps;

/// <summary>
/// Steps of the oplock and lease scenarios: opens that ask for an oplock, a second open posted without
/// waiting (the request a break holds up), awaiting a break for one open, and proving that no break
/// came (an ECHO on the holder's connection: a break already sent arrives before its response).
/// </summary>
public static class OplockSteps
{
    public const AccessMask ReadWrite = AccessMask.GenericRead | AccessMask.GenericWrite;
    public const ShareAccess ShareAll = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete;

    public static CreateRequest OpenRequest(string path, OplockLevel oplock, CreateDisposition disposition = CreateDisposition.FileOpenIf, AccessMask access = ReadWrite,
        ShareAccess share = ShareAll, CreateOptions options = CreateOptions.FileNonDirectoryFile) => new()
        {
            Name = path,
            RequestedOplockLevel = oplock,
            DesiredAccess = access,
            ShareAccess = share,
            CreateDisposition = disposition,
            CreateOptions = options,
            FileAttributes = FileAttributes.Normal,
        };

    /// <summary>An open of <paramref name="request"/> that must succeed (the step before the behaviour under test).</summary>
    public static async Task<Open> OpenAsync(ScenarioContext context, Smb2Client client, CreateRequest request)
    {
        var created = await client.Connection.CreateAsync(client.Tree, request, context.CancellationToken);
        if (created.Open is not { } open)
        {
            throw new ScenarioInconclusiveException($"CREATE of {request.Name} failed ({NtStatus.Describe(created.Status)}): the step before the behaviour under test");
        }
        return open;
    }

    /// <summary>
    /// An open granted at least <paramref name="needed"/>: a holder whose oplock the scenario breaks.
    /// A target that grants less (oplocks off on the share) makes the scenario Inconclusive.
    /// </summary>
    public static async Task<Open> HolderAsync(ScenarioContext context, Smb2Client client, string path, OplockLevel needed)
    {
        var open = await OpenAsync(context, client, OpenRequest(path, needed));
        if (open.OplockLevel != needed)
        {
            throw new ScenarioInconclusiveException($"needs an open holding oplock {needed}; {context.Target.Name} granted {open.OplockLevel} to the only open of a new file");
        }
        return open;
    }

    /// <summary>Sends a CREATE without waiting for its response: the request a break may hold up.</summary>
    public static async Task<PendingRequest> PostCreateAsync(ScenarioContext context, Smb2Client client, CreateRequest request) =>
        (await client.Connection.PostAsync([new Smb2Request(client.Connection.Build(request, client.Session, client.Tree)) { Session = client.Session, TreeConnect = client.Tree }],
            context.CancellationToken))[0]!;

    /// <summary>The CREATE response a posted request ends with, read as a CREATE Response.</summary>
    public static async Task<Smb2Response<CreateResponse>> CompletionOfAsync(ScenarioContext context, PendingRequest pending) =>
        Smb2Response<CreateResponse>.From(await pending.WaitAsync(context.ConnectionOptions.ResponseTimeout + (context.Target.OplockBreakTimeout ?? TimeSpan.Zero), context.CancellationToken));

    /// <summary>The next oplock break for <paramref name="open"/> on any connection of its client; a scenario failure naming the clause when none comes in time.</summary>
    public static async Task<BreakNotification> ExpectBreakAsync(ScenarioContext context, Smb2Client client, Open open, string clause, string? requirement, string subject)
    {
        try
        {
            return await client.Client.Breaks.WaitForOplockBreakAsync(open.FileId, context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.BreakTimeout)
        {
            context.Fail(clause, requirement, subject, $"an OPLOCK_BREAK notification for FileId {open.FileId}", $"none within {context.ConnectionOptions.ResponseTimeout.TotalSeconds:0} s");
            throw;
        }
    }

    /// <summary>
    /// Proves no break reached <paramref name="client"/>: an ECHO round trip on its connection (a break
    /// the target had already sent arrives before the ECHO response), then no break in its inbox.
    /// </summary>
    public static async Task ExpectNoBreakAsync(ScenarioContext context, Smb2Client client, string clause, string? requirement, string subject)
    {
        await client.Connection.EchoAsync(cancellationToken: context.CancellationToken);
        var arrived = client.Client.Breaks.Pending;
        context.CheckTrue(clause, requirement, subject, arrived.Count == 0, "no OPLOCK_BREAK notification", $"{arrived.Count}: {string.Join("; ", arrived.Select(notification => notification.Body.Value?.ToString() ?? notification.Body.ToString()))}");
    }

    /// <summary>The body of a break notification as the oplock form (2.2.23.1); a failure naming the clause otherwise.</summary>
    public static OplockBreakNotification OplockForm(ScenarioContext context, BreakNotification notification, string requirement)
    {
        if (notification.OplockBreak is { } body)
        {
            return body;
        }
        context.Fail("2.2.23.1", requirement, "the OPLOCK_BREAK notification", "an Oplock Break Notification (StructureSize 24)",
            notification.DecodeError?.ToString() ?? notification.Body.Value?.ToString() ?? "another form");
        return null!;
    }

    /// <summary>A logged-on client at exactly <paramref name="dialect"/> (Inconclusive when the target lacks it).</summary>
    public static Task<Smb2Client> AtDialectAsync(ScenarioContext context, Dialect dialect) =>
        SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));

    /// <summary>The highest 3.x dialect of the target (Inconclusive when it has none).</summary>
    public static Dialect Smb3Dialect(ScenarioContext context) =>
        context.Capabilities.Dialects.Where(dialect => dialect.IsSmb3()).DefaultIfEmpty().Max() is var dialect && dialect.IsSmb3()
            ? dialect
            : throw new ScenarioInconclusiveException($"needs a 3.x dialect, which {context.Target.Name} does not negotiate");
}
