using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// Every refusal of a reconnect, in the order of 3.3.5.9.7 (DHnC) and 3.3.5.9.12 (DH2C), each against a
/// durable open the server preserved (or, for "not durable", one it holds): an unknown FileId, another
/// client reconnecting a leased open, another name, a lease context missing or extra, another lease
/// key, another CreateGuid, another user. Each is asked of both versions where both have the rule.
/// </summary>
public static class ReconnectRefusalScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#03"],
        Title = "A DHnC naming a FileId no open has fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task UnknownFileIdV1(ScenarioContext context) => UnknownFileIdAsync(context, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#02"],
        Title = "3.x: a DH2C naming a FileId no open has fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task UnknownFileIdV2(ScenarioContext context) => UnknownFileIdAsync(context, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#05"],
        Title = "3.x: another client (another ClientGuid) reconnecting a leased durable open with DHnC gets STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task OtherClientV1(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV1, Refusal.OtherClient);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#04"],
        Title = "3.x: another client reconnecting a leased durable open with DH2C gets STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task OtherClientV2(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV2, Refusal.OtherClient);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#06"],
        Title = "3.x: a DHnC of a leased durable open naming another file fails with STATUS_INVALID_PARAMETER")]
    public static Task OtherNameV1(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV1, Refusal.OtherName);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#05"],
        Title = "3.x: a DH2C of a leased durable open naming another file fails with STATUS_INVALID_PARAMETER")]
    public static Task OtherNameV2(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV2, Refusal.OtherName);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#07"],
        Title = "3.x: a DHnC of a leased durable open without its lease context fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task LeaseMissingV1(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV1, Refusal.NoLeaseContext);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#13"],
        Title = "3.x: a DH2C of a leased durable open without its lease context fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task LeaseMissingV2(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV2, Refusal.NoLeaseContext);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#12"],
        Title = "3.x: a DHnC of a leased durable open with another lease key (v1 context) fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task OtherLeaseKeyV1(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV1, Refusal.OtherLeaseKey, leaseVersion: 1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#11"],
        Title = "3.x: a DHnC of a leased durable open with another lease key (v2 context) fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task OtherLeaseKeyV1WithV2Lease(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV1, Refusal.OtherLeaseKey);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#14"],
        Title = "3.x: a DH2C of a leased durable open with another lease key fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task OtherLeaseKeyV2(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV2, Refusal.OtherLeaseKey);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#15"],
        Title = "3.x: a DH2C of a v1-leased durable open with another lease key (v1 context) fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task OtherLeaseKeyV2WithV1Lease(ScenarioContext context) => LeasedRefusalAsync(context, ReconnectKind.DurableV2, Refusal.OtherLeaseKey, leaseVersion: 1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#08"],
        Title = "A DHnC of a durable batch open (no lease) carrying a lease context fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task ExtraLeaseV1(ScenarioContext context) => ExtraLeaseAsync(context, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#13"],
        Title = "3.x: a DH2C of a durable batch open (no lease) carrying a lease context fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task ExtraLeaseV2(ScenarioContext context) => ExtraLeaseAsync(context, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", Requirements = ["3.3.5.9.7#09"],
        Title = "A DHnC of an open that is not durable (held by another session of the client) fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task NotDurableV1(ScenarioContext context) => NotDurableAsync(context, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#11"],
        Title = "3.x: a DH2C of an open that is not durable fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static Task NotDurableV2(ScenarioContext context) => NotDurableAsync(context, ReconnectKind.DurableV2);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", Requirements = ["3.3.5.9.12#10"],
        Title = "3.x: a DH2C with another CreateGuid fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task OtherCreateGuid(ScenarioContext context)
    {
        var (open, again) = await LostAsync(context, kind: ReconnectKind.DurableV2);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2, request =>
            request.CreateContexts.OfType<CreateDurableHandleReconnectV2>().Single().CreateGuid = Guid.NewGuid());
        context.CheckStatus("3.3.5.9.12", "3.3.5.9.12#10", "DH2C with a CreateGuid other than the open's", NtStatus.ObjectNameNotFound, refused.Status);
        await ProvesTheOpenStaysAsync(context, again, open, ReconnectKind.DurableV2);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.7", "3.3.5.9.6", Requirements = ["3.3.5.9.7#13", "3.3.5.9.6#06"],
        Title = "A DHnC by another user fails with STATUS_ACCESS_DENIED (Open.DurableOwner), and the right user can still reconnect")]
    public static Task OtherUserV1(ScenarioContext context) => OtherUserAsync(context, ReconnectKind.DurableV1);

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.5.9.12", "3.3.5.9.10", Requirements = ["3.3.5.9.12#16", "3.3.5.9.10#08"],
        Title = "3.x: a DH2C by another user fails with STATUS_ACCESS_DENIED, and the right user can still reconnect")]
    public static Task OtherUserV2(ScenarioContext context) => OtherUserAsync(context, ReconnectKind.DurableV2);

    private enum Refusal
    {
        OtherClient,
        OtherName,
        NoLeaseContext,
        OtherLeaseKey,
    }

    private static async Task UnknownFileIdAsync(ScenarioContext context, ReconnectKind kind)
    {
        var (open, again) = await LostAsync(context, kind: kind);
        var refused = await ReconnectAsync(context, again, open, kind, request =>
        {
            var unknown = new FileId(open.FileId.Persistent ^ 0x5A5A5A5A, open.FileId.Volatile ^ 0x5A5A5A5A);
            foreach (var reconnect in request.CreateContexts)
            {
                switch (reconnect)
                {
                    case CreateDurableHandleReconnect v1:
                        v1.Data = unknown;
                        break;
                    case CreateDurableHandleReconnectV2 v2:
                        v2.FileId = unknown;
                        break;
                }
            }
        });
        var (clause, requirement) = kind == ReconnectKind.DurableV1 ? ("3.3.5.9.7", "3.3.5.9.7#03") : ("3.3.5.9.12", "3.3.5.9.12#02");
        context.CheckStatus(clause, requirement, "reconnect naming a FileId.Persistent no open has", NtStatus.ObjectNameNotFound, refused.Status);
        await ProvesTheOpenStaysAsync(context, again, open, kind);
    }

    private static async Task LeasedRefusalAsync(ScenarioContext context, ReconnectKind kind, Refusal refusal, int leaseVersion = 2)
    {
        var client = await LeaseSteps.ClientAsync(context, 2);
        var path = context.ScratchPath($"leased-{refusal}");
        var key = Guid.NewGuid();
        var durability = kind == ReconnectKind.DurableV1 ? (CreateContext)new CreateDurableHandleRequest() : new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = LongTimeout };
        var open = await DurableOpenAsync(context, client, With(Request(path, Context(leaseVersion, key, RWH), CreateDisposition.FileCreate), durability));
        await DisconnectAsync(context, client);
        var by = refusal == Refusal.OtherClient
            ? await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value))
            : await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, by, open, kind, request =>
        {
            switch (refusal)
            {
                case Refusal.OtherName:
                    request.Name = context.ScratchPath("another-name");
                    break;
                case Refusal.NoLeaseContext:
                    request.CreateContexts.RemoveAll(candidate => candidate is LeaseContext or LeaseContextV2);
                    request.RequestedOplockLevel = OplockLevel.None;
                    break;
                case Refusal.OtherLeaseKey:
                    foreach (var lease in request.CreateContexts)
                    {
                        switch (lease)
                        {
                            case LeaseContext v1:
                                v1.LeaseKey = Guid.NewGuid();
                                break;
                            case LeaseContextV2 v2:
                                v2.LeaseKey = Guid.NewGuid();
                                break;
                        }
                    }
                    break;
            }
        });
        var v1 = kind == ReconnectKind.DurableV1;
        var (clause, requirement, status) = refusal switch
        {
            Refusal.OtherClient => (v1 ? "3.3.5.9.7" : "3.3.5.9.12", v1 ? "3.3.5.9.7#05" : "3.3.5.9.12#04", NtStatus.ObjectNameNotFound),
            Refusal.OtherName => (v1 ? "3.3.5.9.7" : "3.3.5.9.12", v1 ? "3.3.5.9.7#06" : "3.3.5.9.12#05", NtStatus.InvalidParameter),
            Refusal.NoLeaseContext => (v1 ? "3.3.5.9.7" : "3.3.5.9.12", v1 ? "3.3.5.9.7#07" : "3.3.5.9.12#13", NtStatus.ObjectNameNotFound),
            _ => (v1 ? "3.3.5.9.7" : "3.3.5.9.12", (v1, leaseVersion) switch { (true, 1) => "3.3.5.9.7#12", (true, _) => "3.3.5.9.7#11", (false, 1) => "3.3.5.9.12#15", _ => "3.3.5.9.12#14" },
                NtStatus.ObjectNameNotFound),
        };
        context.CheckStatus(clause, requirement, $"reconnect of a leased durable open ({refusal})", status, refused.Status);
        if (refusal != Refusal.OtherClient)
        {
            await ProvesTheOpenStaysAsync(context, by, open, kind);
        }
    }

    private static async Task ExtraLeaseAsync(ScenarioContext context, ReconnectKind kind)
    {
        var dialect = kind == ReconnectKind.DurableV1 ? SessionSteps.LeasingDialect(context) : Smb3LeasingDialect(context);
        var (open, again) = await LostAsync(context, dialect, kind);
        var refused = await ReconnectAsync(context, again, open, kind, request =>
        {
            request.RequestedOplockLevel = OplockLevel.Lease;
            request.CreateContexts.Add(Context(dialect.IsSmb3() ? 2 : 1, Guid.NewGuid(), RWH));
        });
        var v1 = kind == ReconnectKind.DurableV1;
        context.CheckStatus(v1 ? "3.3.5.9.7" : "3.3.5.9.12", v1 ? "3.3.5.9.7#08" : "3.3.5.9.12#13", "reconnect of a batch durable open carrying a lease context", NtStatus.ObjectNameNotFound, refused.Status);
        await ProvesTheOpenStaysAsync(context, again, open, kind);
    }

    private static async Task NotDurableAsync(ScenarioContext context, ReconnectKind kind)
    {
        var client = await ClientAsync(context, kind == ReconnectKind.DurableV1 ? context.Capabilities.HighestDialect : null);
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath("not-durable"), OplockLevel.None, CreateDisposition.FileCreate));
        var again = await SameClientAsync(context, client);
        var refused = await again.Connection.CreateAsync(again.Tree, again.Connection.ReconnectRequest(open, kind), context.CancellationToken);
        var v1 = kind == ReconnectKind.DurableV1;
        context.CheckStatus(v1 ? "3.3.5.9.7" : "3.3.5.9.12", v1 ? "3.3.5.9.7#09" : "3.3.5.9.12#11", "reconnect of an open that is neither durable nor resilient", NtStatus.ObjectNameNotFound, refused.Status);
    }

    private static async Task OtherUserAsync(ScenarioContext context, ReconnectKind kind)
    {
        var other = OtherUser(context);
        var (open, again) = await LostAsync(context, kind: kind);
        var stranger = await SameClientAsync(context, again, other);
        var refused = await ReconnectAsync(context, stranger, open, kind);
        var v1 = kind == ReconnectKind.DurableV1;
        context.CheckStatus(v1 ? "3.3.5.9.7" : "3.3.5.9.12", v1 ? "3.3.5.9.7#13" : "3.3.5.9.12#16", $"reconnect by {other.User}, not the open's owner", NtStatus.AccessDenied, refused.Status);
        context.CheckStatus(v1 ? "3.3.5.9.6" : "3.3.5.9.10", v1 ? "3.3.5.9.6#06" : "3.3.5.9.10#08", "the same refusal, read as Open.DurableOwner being the user who made the open", NtStatus.AccessDenied, refused.Status);
        await ProvesTheOpenStaysAsync(context, again, open, kind);
    }

    /// <summary>A durable batch open of <paramref name="kind"/>'s version, its connection lost, and the client back on a new connection and session.</summary>
    private static async Task<(Open Open, Smb2Client Again)> LostAsync(ScenarioContext context, Dialect? dialect = null, ReconnectKind kind = ReconnectKind.DurableV1)
    {
        var client = await ClientAsync(context, dialect ?? (kind == ReconnectKind.DurableV1 ? context.Capabilities.HighestDialect : null));
        var path = context.ScratchPath("lost");
        var open = await DurableOpenAsync(context, client, kind == ReconnectKind.DurableV1 ? V1(path) : V2(path, Guid.NewGuid()));
        await DisconnectAsync(context, client);
        return (open, await SameClientAsync(context, client));
    }

    /// <summary>The refused reconnect left the preserved open alone: the proper reconnect still succeeds.</summary>
    private static async Task ProvesTheOpenStaysAsync(ScenarioContext context, Smb2Client by, Open open, ReconnectKind kind)
    {
        var reconnected = await ReconnectAsync(context, by, open, kind);
        context.CheckStatus(kind == ReconnectKind.DurableV1 ? "3.3.5.9.7" : "3.3.5.9.12", null, "the proper reconnect after the refused one (the open was kept)", NtStatus.Success, reconnected.Status);
    }
}
