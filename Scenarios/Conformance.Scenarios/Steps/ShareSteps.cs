using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;

namespace Conformance.Scenarios.Steps;

/// <summary>
/// Tree connects to the target's specially set-up shares (scale-out, ForceLevel2Oplock), each
/// Inconclusive when the run names no such share or the share is not what the setting says; and names
/// for files at their root, which the scenarios open with FILE_DELETE_ON_CLOSE so that nothing stays.
/// </summary>
public static class ShareSteps
{
    /// <summary>A tree connect of <paramref name="client"/>'s session to the scale-out share, which must announce SMB2_SHARE_CAP_SCALEOUT (3.x only).</summary>
    public static async Task<TreeConnect> ScaleOutAsync(ScenarioContext context, Smb2Client client)
    {
        var tree = await ConnectAsync(context, client, context.Target.ScaleOutShare, "SMB_TARGET_SCALEOUT_SHARE", "scale-out");
        if (!tree.IsScaleoutShare)
        {
            throw new ScenarioInconclusiveException($"the TREE_CONNECT to {tree.ShareName} does not announce SMB2_SHARE_CAP_SCALEOUT: it is not a scale-out share (STYPE_CLUSTER_SOFS)");
        }
        return tree;
    }

    /// <summary>
    /// A tree connect to the continuously available share, which must announce
    /// SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY on a connection that got SMB2_GLOBAL_CAP_PERSISTENT_HANDLES (3.x).
    /// </summary>
    public static async Task<TreeConnect> ContinuouslyAvailableAsync(ScenarioContext context, Smb2Client client)
    {
        if ((client.Connection.ServerCapabilities & Adapters.Wire.Messages.GlobalCapabilities.PersistentHandles) == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} did not announce SMB2_GLOBAL_CAP_PERSISTENT_HANDLES at {client.Connection.Dialect?.ToDisplayString()}: no persistent handles");
        }
        var tree = await ConnectAsync(context, client, context.Target.ContinuouslyAvailableShare, "SMB_TARGET_CA_SHARE", "continuously available");
        if (!tree.IsCAShare)
        {
            throw new ScenarioInconclusiveException($"the TREE_CONNECT to {tree.ShareName} does not announce SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY: it is not continuously available");
        }
        return tree;
    }

    /// <summary>A tree connect to the share the run names as having ForceLevel2Oplock (nothing on the wire shows it).</summary>
    public static Task<TreeConnect> ForceLevel2Async(ScenarioContext context, Smb2Client client) =>
        ConnectAsync(context, client, context.Target.ForceLevel2Share, "SMB_TARGET_FORCE_LEVEL2_SHARE", "ForceLevel2Oplock");

    /// <summary>A new name at the root of another share.</summary>
    public static string RootName(string name) => $"conformance-{name}-{Guid.NewGuid():N}.tmp";

    /// <summary>Deletes <paramref name="name"/> on <paramref name="tree"/> (a file a scenario left outside the scratch directory): opened for DELETE, deleted on close.</summary>
    public static async Task DeleteAsync(ScenarioContext context, Smb2Client client, TreeConnect tree, string name)
    {
        var request = FileSteps.OpenExisting(name);
        request.DesiredAccess |= Adapters.Wire.Messages.AccessMask.Delete;
        request.CreateOptions |= Adapters.Wire.Messages.CreateOptions.FileDeleteOnClose;
        if ((await client.Connection.CreateAsync(tree, request, context.CancellationToken)).Open is { } open)
        {
            await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        }
    }

    private static async Task<TreeConnect> ConnectAsync(ScenarioContext context, Smb2Client client, string? share, string setting, string what)
    {
        if (share is null)
        {
            throw new ScenarioInconclusiveException($"no {what} share is configured ({setting})");
        }
        var connected = await client.Connection.TreeConnectAsync(client.Session, share, cancellationToken: context.CancellationToken);
        return connected.TreeConnect
            ?? throw new ScenarioInconclusiveException($"TREE_CONNECT to the {what} share {share} ({setting}) failed ({NtStatus.Describe(connected.Status)})");
    }
}
