using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Steps;

/// <summary>
/// Steps of the lease scenarios: CREATE requests carrying a v1 (2.2.13.2.8) or v2 (2.2.13.2.10) lease
/// context, the lease a response grants (read from its response context, whichever version), holders
/// granted a given state, waiting for a Lease Break Notification for a key on any connection of the
/// client, and acknowledging one with any state.
/// </summary>
public static class LeaseSteps
{
    public const LeaseState R = LeaseState.ReadCaching;
    public const LeaseState H = LeaseState.HandleCaching;
    public const LeaseState W = LeaseState.WriteCaching;
    public const LeaseState RH = R | H;
    public const LeaseState RW = R | W;
    public const LeaseState HW = H | W;
    public const LeaseState RWH = R | W | H;

    /// <summary>A lease state as the spec writes it: R, RH, RWH…, or NONE.</summary>
    public static string Name(LeaseState state)
    {
        if (state == LeaseState.None)
        {
            return "NONE";
        }
        var name = ((state & R) != 0 ? "R" : "") + ((state & W) != 0 ? "W" : "") + ((state & H) != 0 ? "H" : "");
        var undefined = state & ~RWH;
        return undefined == 0 ? name : $"{name}+0x{(uint)undefined:X}";
    }

    /// <summary>The request lease context of <paramref name="version"/> 1 or 2 (a ParentLeaseKey sets SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET).</summary>
    public static CreateContext Context(int version, Guid leaseKey, LeaseState state, ushort epoch = 0, Guid? parentLeaseKey = null) => version == 1
        ? new CreateRequestLease { LeaseKey = leaseKey, LeaseState = state }
        : new CreateRequestLeaseV2
        {
            LeaseKey = leaseKey,
            LeaseState = state,
            Epoch = epoch,
            ParentLeaseKey = parentLeaseKey ?? Guid.Empty,
            Flags = parentLeaseKey is null ? LeaseFlags.None : LeaseFlags.ParentLeaseKeySet,
        };

    /// <summary>A CREATE with RequestedOplockLevel LEASE and <paramref name="lease"/> as its lease context.</summary>
    public static CreateRequest Request(string path, CreateContext lease, CreateDisposition disposition = CreateDisposition.FileOpenIf, AccessMask access = OplockSteps.ReadWrite,
        ShareAccess share = OplockSteps.ShareAll, CreateOptions options = CreateOptions.FileNonDirectoryFile)
    {
        var request = OplockSteps.OpenRequest(path, OplockLevel.Lease, disposition, access, share, options);
        request.CreateContexts.Add(lease);
        return request;
    }

    /// <summary>A directory CREATE asking for a v2 lease.</summary>
    public static CreateRequest DirectoryRequest(string path, CreateContext lease, CreateDisposition disposition = CreateDisposition.FileOpenIf) =>
        Request(path, lease, disposition, AccessMask.GenericRead, OplockSteps.ShareAll, CreateOptions.FileDirectoryFile);

    /// <summary>The lease context of a CREATE response, read as either version; null when it carries none.</summary>
    public static LeaseGrant? GrantOf(CreateResponse response)
    {
        foreach (var context in response.CreateContexts)
        {
            switch (context)
            {
                case CreateResponseLeaseV2 v2:
                    return new LeaseGrant(2, v2.LeaseKey, v2.LeaseState, v2.Flags, v2.Epoch, v2.ParentLeaseKey, v2.LeaseDuration, v2.Reserved2);
                case CreateResponseLease v1:
                    return new LeaseGrant(1, v1.LeaseKey, v1.LeaseState, v1.LeaseFlags, 0, Guid.Empty, v1.LeaseDuration, 0);
            }
        }
        return null;
    }

    /// <summary>The lease a CREATE response grants; a failure of <paramref name="clause"/> when the response has no lease context.</summary>
    public static LeaseGrant ExpectGrant(ScenarioContext context, string clause, string? requirement, string subject, CreateResponse response)
    {
        if (GrantOf(response) is { } grant)
        {
            return grant;
        }
        context.Fail(clause, requirement, subject, "a lease response context (\"RqLs\")", $"none (OplockLevel {response.OplockLevel}, {response.CreateContexts.Count} contexts)");
        return null!;
    }

    /// <summary>A client at a dialect that takes lease <paramref name="version"/>: 3.x for v2, 2.1 (else 3.x) for v1; <paramref name="dialect"/> when given. Inconclusive without leasing.</summary>
    public static Task<Smb2Client> ClientAsync(ScenarioContext context, int version, Dialect? dialect = null)
    {
        var chosen = dialect ?? (version == 2 ? Smb3LeasingDialect(context) : SessionSteps.LeasingDialect(context));
        if ((context.Capabilities.Capabilities.GetValueOrDefault(chosen) & GlobalCapabilities.Leasing) == 0)
        {
            throw new ScenarioInconclusiveException($"needs leasing at {chosen.ToDisplayString()}, which {context.Target.Name} does not announce (SMB2_GLOBAL_CAP_LEASING)");
        }
        return SessionSteps.LogOnAsync(context, SessionSteps.Only(context, chosen));
    }

    /// <summary>The highest 3.x dialect with SMB2_GLOBAL_CAP_LEASING (v2 leases and epochs are 3.x only).</summary>
    public static Dialect Smb3LeasingDialect(ScenarioContext context) =>
        context.Capabilities.Dialects.Where(dialect => dialect.IsSmb3() && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.Leasing) != 0).DefaultIfEmpty().Max() is var found && found.IsSmb3()
            ? found
            : throw new ScenarioInconclusiveException($"needs leasing at a 3.x dialect, which {context.Target.Name} does not announce");

    /// <summary>A 3.x client of a target that announces SMB2_GLOBAL_CAP_DIRECTORY_LEASING; Inconclusive otherwise.</summary>
    public static Task<Smb2Client> DirectoryLeasingClientAsync(ScenarioContext context)
    {
        var dialect = SessionSteps.HighestDialectWith(context, GlobalCapabilities.DirectoryLeasing | GlobalCapabilities.Leasing, "directory leasing");
        return SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect));
    }

    /// <summary>An open of <paramref name="request"/> that must succeed with a lease context (the step before the behaviour under test).</summary>
    public static async Task<(Open Open, LeaseGrant Grant)> LeasedOpenAsync(ScenarioContext context, Smb2Client client, CreateRequest request, TreeConnect? tree = null)
    {
        var created = await client.Connection.CreateAsync(tree ?? client.Tree, request, context.CancellationToken);
        if (created.Open is not { } open || created.Response.Body is not { } body)
        {
            throw new ScenarioInconclusiveException($"CREATE of {request.Name} failed ({NtStatus.Describe(created.Status)}): the step before the behaviour under test");
        }
        if (GrantOf(body) is not { } grant)
        {
            throw new ScenarioInconclusiveException($"CREATE of {request.Name} asking for a lease got no lease context (OplockLevel {body.OplockLevel}): the step before the behaviour under test");
        }
        return (open, grant);
    }

    /// <summary>An open granted exactly <paramref name="state"/> under a new key: a holder whose lease the scenario breaks. A target granting otherwise makes it Inconclusive.</summary>
    public static async Task<(Open Open, LeaseGrant Grant)> HolderAsync(ScenarioContext context, Smb2Client client, string path, LeaseState state, int version = 2, Guid? leaseKey = null,
        CreateRequest? request = null)
    {
        var (open, grant) = await LeasedOpenAsync(context, client, request ?? Request(path, Context(version, leaseKey ?? Guid.NewGuid(), state)));
        if (grant.LeaseState != state)
        {
            throw new ScenarioInconclusiveException($"needs an open holding lease {Name(state)}; {context.Target.Name} granted {Name(grant.LeaseState)}");
        }
        return (open, grant);
    }

    /// <summary>
    /// A client holding exactly <paramref name="state"/> on a new file under a new key, and a second
    /// client (another ClientGuid) at the same dialect to break it.
    /// </summary>
    public static async Task<HeldLease> HeldAsync(ScenarioContext context, LeaseState state, int version = 2, Dialect? dialect = null, string name = "held",
        ShareAccess share = OplockSteps.ShareAll)
    {
        var holder = await ClientAsync(context, version, dialect);
        var path = context.ScratchPath(name);
        var key = Guid.NewGuid();
        var (open, grant) = await HolderAsync(context, holder, path, state, version, key, Request(path, Context(version, key, state), CreateDisposition.FileCreate, share: share));
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, holder.Connection.Dialect!.Value));
        return new HeldLease(holder, open, grant, key, path, other);
    }

    /// <summary>
    /// A held RWH lease (<see cref="HeldAsync"/>) whose break another client's open started: the
    /// notification has come, and that open waits for the acknowledgment.
    /// </summary>
    public static async Task<BreakingLease> BreakingAsync(ScenarioContext context, int version = 2, Dialect? dialect = null)
    {
        var held = await HeldAsync(context, RWH, version, dialect);
        var waiting = await OplockSteps.PostCreateAsync(context, held.Other, OplockSteps.OpenRequest(held.Path, OplockLevel.None));
        var (notification, body) = await ExpectBreakAsync(context, held.Holder, held.Key, "3.3.4.7", "3.3.4.7#11", "the RWH lease's holder, after another client's open of the file");
        return new BreakingLease(held, waiting, notification, body);
    }

    /// <summary>The next Lease Break Notification for <paramref name="leaseKey"/> on any connection of <paramref name="client"/>'s client; a failure naming the clause when none comes in time.</summary>
    public static async Task<(BreakNotification Notification, LeaseBreakNotification Body)> ExpectBreakAsync(ScenarioContext context, Smb2Client client, Guid leaseKey,
        string clause, string? requirement, string subject)
    {
        BreakNotification notification;
        try
        {
            notification = await client.Client.Breaks.WaitForLeaseBreakAsync(leaseKey, context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.BreakTimeout)
        {
            context.Fail(clause, requirement, subject, $"a Lease Break Notification for LeaseKey {leaseKey}", $"none within {context.ConnectionOptions.ResponseTimeout.TotalSeconds:0} s");
            throw;
        }
        if (notification.LeaseBreak is not { } body)
        {
            context.Fail("2.2.23.2", "2.2.23.2#01", subject, "a Lease Break Notification (StructureSize 44)", notification.DecodeError?.ToString() ?? "another form");
            return default;
        }
        return (notification, body);
    }

    /// <summary>
    /// The NewLeaseState of a break: one of NONE, R, RW, RH (3.3.4.7's MUST), then the very state the
    /// object store's rules give for <paramref name="cause"/> (MS-FSA 2.1.4.12, which MS-SMB2 leaves to
    /// the object store: a failure of clause 3.3.4.7 with no MS-SMB2 statement of its own).
    /// </summary>
    public static void CheckNewLeaseState(ScenarioContext context, string cause, LeaseState expected, LeaseState actual)
    {
        context.CheckTrue("3.3.4.7", "3.3.4.7#01", $"NewLeaseState of the break after {cause}", actual is LeaseState.None or R or RW or RH, "NONE, R, RW or RH", Name(actual));
        context.CheckEqual("3.3.4.7", null, $"NewLeaseState of the break after {cause} (MS-FSA 2.1.4.12)", expected, actual, Name);
    }

    /// <summary>Lease Break Acknowledgment of <paramref name="leaseKey"/> at <paramref name="state"/> on <paramref name="client"/>'s tree.</summary>
    public static Task<Smb2Response<LeaseBreakResponse>> AcknowledgeAsync(ScenarioContext context, Smb2Client client, Guid leaseKey, LeaseState state) =>
        client.Connection.LeaseBreakAcknowledgmentAsync(client.Tree, leaseKey, state, context.CancellationToken);
}

/// <summary>A lease held by <see cref="Holder"/>'s open of <see cref="Path"/>, and <see cref="Other"/>, a client of another ClientGuid that breaks it.</summary>
public sealed record HeldLease(Smb2Client Holder, Open Open, LeaseGrant Grant, Guid Key, string Path, Smb2Client Other);

/// <summary>A held lease being broken: the open <see cref="Waiting"/> for the acknowledgment, and the notification that came.</summary>
public sealed record BreakingLease(HeldLease Held, PendingRequest Waiting, BreakNotification Notification, LeaseBreakNotification Break);

/// <summary>The lease a CREATE response grants, from its SMB2_CREATE_RESPONSE_LEASE (<see cref="Version"/> 1) or _V2 (2) context.</summary>
public sealed record LeaseGrant(int Version, Guid LeaseKey, LeaseState LeaseState, LeaseFlags Flags, ushort Epoch, Guid ParentLeaseKey, ulong LeaseDuration, ushort Reserved);
