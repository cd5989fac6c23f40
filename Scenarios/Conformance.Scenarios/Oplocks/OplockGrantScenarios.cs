using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.OplockSteps;

namespace Conformance.Scenarios.Oplocks;

/// <summary>
/// Oplock Acquisition (3.3.5.9): the server asks the object store for the level the CREATE requests
/// and answers the level granted. The only open of a new file can have any level (MS-FSA 2.1.5.17);
/// a directory, an open asking for none, a second open asking for an exclusive one, or a file with
/// byte-range locks asking for level II cannot.
/// </summary>
public static class OplockGrantScenarios
{
    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "2.0.2: the only open of a new file asking for a batch oplock gets it")]
    public static Task BatchGrantedAt202(ScenarioContext context) => GrantedAsync(context, Dialect.Smb202, OplockLevel.Batch);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "2.1: the only open of a new file asking for a batch oplock gets it")]
    public static Task BatchGrantedAt210(ScenarioContext context) => GrantedAsync(context, Dialect.Smb210, OplockLevel.Batch);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "3.x: the only open of a new file asking for a batch oplock gets it")]
    public static Task BatchGrantedAt3x(ScenarioContext context) => GrantedAsync(context, null, OplockLevel.Batch);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "2.0.2: the only open of a new file asking for an exclusive oplock gets it")]
    public static Task ExclusiveGrantedAt202(ScenarioContext context) => GrantedAsync(context, Dialect.Smb202, OplockLevel.Exclusive);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "2.1: the only open of a new file asking for an exclusive oplock gets it")]
    public static Task ExclusiveGrantedAt210(ScenarioContext context) => GrantedAsync(context, Dialect.Smb210, OplockLevel.Exclusive);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "3.x: the only open of a new file asking for an exclusive oplock gets it")]
    public static Task ExclusiveGrantedAt3x(ScenarioContext context) => GrantedAsync(context, null, OplockLevel.Exclusive);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "2.0.2: the only open of a new file asking for a level II oplock gets it")]
    public static Task LevelTwoGrantedAt202(ScenarioContext context) => GrantedAsync(context, Dialect.Smb202, OplockLevel.II);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "2.1: the only open of a new file asking for a level II oplock gets it")]
    public static Task LevelTwoGrantedAt210(ScenarioContext context) => GrantedAsync(context, Dialect.Smb210, OplockLevel.II);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77", "3.3.5.9#78"], Title = "3.x: the only open of a new file asking for a level II oplock gets it")]
    public static Task LevelTwoGrantedAt3x(ScenarioContext context) => GrantedAsync(context, null, OplockLevel.II);

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#77"], Title = "A CREATE asking for no oplock gets none")]
    public static async Task NoOplockAskedNoneGranted(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var created = await client.Connection.CreateAsync(client.Tree, OpenRequest(context.ScratchPath("none"), OplockLevel.None, CreateDisposition.FileCreate), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9", "CREATE Response", created.Response);
        context.CheckEqual("3.3.5.9", "3.3.5.9#77", "OplockLevel of a CREATE that asked for SMB2_OPLOCK_LEVEL_NONE", OplockLevel.None, response.OplockLevel);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#78"], Title = "A directory asking for a batch oplock gets none: directories take no oplock")]
    public static async Task DirectoryGetsNoOplock(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var request = OpenRequest(context.ScratchPath("directory"), OplockLevel.Batch, CreateDisposition.FileCreate, AccessMask.GenericRead, options: CreateOptions.FileDirectoryFile);
        var created = await client.Connection.CreateAsync(client.Tree, request, context.CancellationToken);
        var response = context.CheckBody("3.3.5.9", "CREATE Response for a new directory", created.Response);
        // MS-FSA 2.1.5.17 refuses every oplock type but a granular one on a directory: the object store grants nothing.
        context.CheckEqual("3.3.5.9", "3.3.5.9#78", "OplockLevel of a directory's CREATE that asked for a batch oplock", OplockLevel.None, response.OplockLevel);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#78"], Title = "A second open asking for an exclusive oplock gets level II or none, never an exclusive one")]
    public static async Task SecondOpenIsNeverExclusive(ScenarioContext context)
    {
        var holderClient = await context.LogOnAsync();
        var path = context.ScratchPath("shared");
        await HolderAsync(context, holderClient, path, OplockLevel.II);
        var other = await context.LogOnAsync();
        var second = await other.Connection.CreateAsync(other.Tree, OpenRequest(path, OplockLevel.Exclusive), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9", "CREATE Response of the second open", second.Response);
        context.CheckTrue("3.3.5.9", "3.3.5.9#78", "OplockLevel of a second open asking for SMB2_OPLOCK_LEVEL_EXCLUSIVE while another open holds level II",
            response.OplockLevel is OplockLevel.II or OplockLevel.None, "SMB2_OPLOCK_LEVEL_II or NONE (MS-FSA 2.1.5.17 grants an exclusive oplock only to a file's only open)", response.OplockLevel.ToString());
        if (response.OplockLevel == OplockLevel.None)
        {
            context.Observe("the second open asking for an exclusive oplock got none (Windows and Samba grant level II)");
        }
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#78"], Title = "A file with a byte-range lock gets no level II oplock")]
    public static async Task ByteRangeLockPreventsLevelTwo(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var path = context.ScratchPath("locked");
        var locker = await OpenAsync(context, client, OpenRequest(path, OplockLevel.None));
        var locked = await client.Connection.LockAsync(locker, [new LockElement(0, 1, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        if (!locked.IsSuccess)
        {
            throw new ScenarioInconclusiveException($"LOCK of a byte failed ({NtStatus.Describe(locked.Status)}): the step before the behaviour under test");
        }
        var other = await context.LogOnAsync();
        var second = await other.Connection.CreateAsync(other.Tree, OpenRequest(path, OplockLevel.II), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9", "CREATE Response of an open of a locked file", second.Response);
        // MS-FSA 2.1.5.17: a level II oplock is refused while Open.Stream.ByteRangeLockList is not empty.
        context.CheckEqual("3.3.5.9", "3.3.5.9#78", "OplockLevel of an open asking for level II of a file with a byte-range lock", OplockLevel.None, response.OplockLevel);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#40"],
        Title = "3.x on a scale-out share (SMB2_SHARE_CAP_SCALEOUT): the only open of a new file asking for a batch oplock gets level II")]
    public static async Task ScaleOutShareTurnsBatchIntoLevelTwo(ScenarioContext context)
    {
        var client = await AtDialectAsync(context, Smb3Dialect(context));
        var tree = await ShareSteps.ScaleOutAsync(context, client);
        var level = await OnlyOpenGetsAsync(context, client, tree, OplockLevel.Batch);
        context.CheckEqual("3.3.5.9", "3.3.5.9#40", $"OplockLevel on the scale-out share {tree.ShareName} of the only open of a new file asking for SMB2_OPLOCK_LEVEL_BATCH",
            OplockLevel.II, level);
    }

    [Scenario(ScenarioFamily.Oplocks, "3.3.5.9", Requirements = ["3.3.5.9#39"],
        Title = "On a share with ForceLevel2Oplock, the only open of a new file asking for a batch or an exclusive oplock gets level II")]
    public static async Task ForceLevel2ShareGrantsLevelTwo(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var tree = await ShareSteps.ForceLevel2Async(context, client);
        foreach (var asked in new[] { OplockLevel.Batch, OplockLevel.Exclusive })
        {
            var level = await OnlyOpenGetsAsync(context, client, tree, asked);
            context.CheckEqual("3.3.5.9", "3.3.5.9#39", $"OplockLevel on the ForceLevel2Oplock share {tree.ShareName} of the only open of a new file asking for {asked}",
                OplockLevel.II, level);
        }
    }

    /// <summary>The oplock level a new file's only open on <paramref name="tree"/> is granted for <paramref name="asked"/>; the file goes when the open closes.</summary>
    private static async Task<OplockLevel> OnlyOpenGetsAsync(ScenarioContext context, Smb2Client client, TreeConnect tree, OplockLevel asked)
    {
        var request = OpenRequest(ShareSteps.RootName("oplock"), asked, CreateDisposition.FileCreate, ReadWrite | AccessMask.Delete,
            options: CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose);
        var created = await client.Connection.CreateAsync(tree, request, context.CancellationToken);
        var response = context.CheckBody("3.3.5.9", $"CREATE Response on {tree.ShareName}", created.Response);
        if (created.Open is { } open)
        {
            await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        }
        return response.OplockLevel;
    }

    private static async Task GrantedAsync(ScenarioContext context, Dialect? dialect, OplockLevel level)
    {
        var client = await (dialect is { } exact ? AtDialectAsync(context, exact) : AtDialectAsync(context, Smb3Dialect(context)));
        var created = await client.Connection.CreateAsync(client.Tree, OpenRequest(context.ScratchPath($"grant-{level}"), level, CreateDisposition.FileCreate), context.CancellationToken);
        var response = context.CheckBody("3.3.5.9", "CREATE Response", created.Response);
        context.CheckEqual("3.3.5.9", "3.3.5.9#78", $"OplockLevel at {client.Connection.Dialect?.ToDisplayString()} of the only open of a new file asking for {level}", level, response.OplockLevel);
    }
}
