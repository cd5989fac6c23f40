using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Leases;

/// <summary>
/// ParentLeaseKey (2.2.13.2.10, 3.3.5.9.11) and directory leases: the key is echoed with
/// SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET; a directory's lease breaks when another client adds, removes or
/// renames a child (MS-FSA 2.1.4.12 with PARENT_OBJECT: read caching, so to NONE), but not for its own
/// client's child open that names it as the parent. Inconclusive where the target has no directory leasing.
/// </summary>
public static class DirectoryLeaseScenarios
{
    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", Requirements = ["3.3.5.9.11#27", "2.2.14.2.11#03"],
        Title = "3.x, v2: a ParentLeaseKey with SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET is echoed in the response with the flag")]
    public static async Task ParentLeaseKeyIsEchoed(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var parent = Guid.NewGuid();
        var (_, grant) = await LeasedOpenAsync(context, client, Request(context.ScratchPath("child"), Context(2, Guid.NewGuid(), RWH, parentLeaseKey: parent), CreateDisposition.FileCreate));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#27", "SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET in the response Flags", LeaseFlags.ParentLeaseKeySet, grant.Flags & LeaseFlags.ParentLeaseKeySet);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#27", "ParentLeaseKey of the response", parent, grant.ParentLeaseKey);
        context.CheckEqual("2.2.14.2.11", "2.2.14.2.11#03", "Flags bits of the response beyond BREAK_IN_PROGRESS and PARENT_LEASE_KEY_SET", LeaseFlags.None,
            grant.Flags & ~(LeaseFlags.BreakInProgress | LeaseFlags.ParentLeaseKeySet));
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#27"],
        Title = "3.x, v2: without SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET the response sets no parent flag")]
    public static async Task NoParentNoFlag(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var (_, grant) = await LeasedOpenAsync(context, client, Request(context.ScratchPath("orphan"), Context(2, Guid.NewGuid(), RWH), CreateDisposition.FileCreate));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#27", "SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET in the response to a request without it", LeaseFlags.None, grant.Flags & LeaseFlags.ParentLeaseKeySet);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#11", "3.3.4.7#16", "3.3.4.7#19"],
        Title = "3.x, directory lease: another client creating a file in the directory breaks its RH lease to NONE, and the create does not wait")]
    public static Task ChildCreateBreaksTheDirectoryLease(ScenarioContext context) =>
        ChildChangeBreaksAsync(context, "creating a file in it", async (other, directory) =>
            (await other.Connection.CreateAsync(other.Tree, OplockSteps.OpenRequest($"{directory}\\new-child", OplockLevel.None, CreateDisposition.FileCreate), context.CancellationToken)).Status);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#11"],
        Title = "3.x, directory lease: another client deleting a file of the directory breaks its RH lease to NONE")]
    public static Task ChildDeleteBreaksTheDirectoryLease(ScenarioContext context) =>
        ChildChangeBreaksAsync(context, "deleting a file of it", async (other, directory) =>
        {
            var request = OplockSteps.OpenRequest($"{directory}\\existing", OplockLevel.None, CreateDisposition.FileOpen, AccessMask.Delete | AccessMask.FileReadAttributes,
                options: CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose);
            var created = await other.Connection.CreateAsync(other.Tree, request, context.CancellationToken);
            return created.Open is { } open ? (await other.Connection.CloseAsync(open, cancellationToken: context.CancellationToken)).Status : created.Status;
        });

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#11"],
        Title = "3.x, directory lease: another client renaming a file of the directory breaks its RH lease to NONE")]
    public static Task ChildRenameBreaksTheDirectoryLease(ScenarioContext context) =>
        ChildChangeBreaksAsync(context, "renaming a file of it", async (other, directory) =>
        {
            var created = await other.Connection.CreateAsync(other.Tree, OplockSteps.OpenRequest($"{directory}\\existing", OplockLevel.None, CreateDisposition.FileOpen,
                AccessMask.Delete | AccessMask.FileReadAttributes), context.CancellationToken);
            if (created.Open is not { } open)
            {
                return created.Status;
            }
            var renamed = await other.Connection.SetInfoAsync(open, FileSteps.RenameRequest(open, $"{directory}\\renamed"), context.CancellationToken);
            await other.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
            return renamed.Status;
        });

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#27"],
        Title = "3.x, directory lease: the lease's own client creating a file with ParentLeaseKey set to the directory's lease key breaks nothing")]
    public static async Task OwnChildWithTheParentKeyBreaksNothing(ScenarioContext context)
    {
        var (client, directory, directoryKey) = await LeasedDirectoryAsync(context);
        var created = await client.Connection.CreateAsync(client.Tree, Request($"{directory}\\own-child", Context(2, Guid.NewGuid(), RWH, parentLeaseKey: directoryKey),
            CreateDisposition.FileCreate), context.CancellationToken);
        context.CheckStatus("3.3.5.9.11", null, "the child's CREATE with ParentLeaseKey the directory's key", NtStatus.Success, created.Status);
        await OplockSteps.ExpectNoBreakAsync(context, client, "3.3.5.9.11", "3.3.5.9.11#27", "the directory lease's client after its own child create naming the lease as parent");
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#16", "3.3.5.9.11#26"],
        Title = "3.x, directory lease: a second open of the directory with the same key asking RWH keeps RH (no write caching for a directory)")]
    public static async Task DirectoryNeverGetsWriteCaching(ScenarioContext context)
    {
        var (client, directory, key) = await LeasedDirectoryAsync(context);
        var (_, grant) = await LeasedOpenAsync(context, client, DirectoryRequest(directory, Context(2, key, RWH)));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#16", "LeaseState of the directory's lease asked RWH again", RH, grant.LeaseState, Name);
    }

    /// <summary>A directory with a file "existing" in it, and an RH lease on the directory held by a client of a target with directory leasing.</summary>
    private static async Task<(Adapters.Client.Smb2Client Client, string Directory, Guid Key)> LeasedDirectoryAsync(ScenarioContext context)
    {
        var client = await DirectoryLeasingClientAsync(context);
        var directory = context.ScratchPath("leased-dir");
        var key = Guid.NewGuid();
        await HolderAsync(context, client, directory, RH, leaseKey: key, request: DirectoryRequest(directory, Context(2, key, RH), CreateDisposition.FileCreate));
        var child = await OplockSteps.OpenAsync(context, client, Request($"{directory}\\existing", Context(2, Guid.NewGuid(), LeaseState.None, parentLeaseKey: key), CreateDisposition.FileCreate));
        await client.Connection.CloseAsync(child, cancellationToken: context.CancellationToken);
        await OplockSteps.ExpectNoBreakAsync(context, client, "3.3.5.9.11", null, "the directory lease's client after its own child create (the step before the behaviour under test)");
        return (client, directory, key);
    }

    private static async Task ChildChangeBreaksAsync(ScenarioContext context, string what, Func<Adapters.Client.Smb2Client, string, Task<uint>> change)
    {
        var (client, directory, key) = await LeasedDirectoryAsync(context);
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var status = await change(other, directory);
        context.CheckStatus("3.3.4.7", null, $"another client {what} (a parent's break does not hold it up)", NtStatus.Success, status);
        var (_, body) = await ExpectBreakAsync(context, client, key, "3.3.4.7", "3.3.4.7#11", $"the directory's RH lease, after another client {what}");
        CheckNewLeaseState(context, $"another client {what} (a child change takes the directory's read caching)", LeaseState.None, body.NewLeaseState);
        context.CheckEqual("3.3.4.7", "3.3.4.7#16", "Flags of the notification (a break from RH)", LeaseBreakNotificationFlags.AckRequired, body.Flags);
        context.CheckEqual("3.3.4.7", "3.3.4.7#19", "CurrentLeaseState of the notification", RH, body.CurrentLeaseState, Name);
        await AcknowledgeAsync(context, client, key, LeaseState.None);
    }
}
