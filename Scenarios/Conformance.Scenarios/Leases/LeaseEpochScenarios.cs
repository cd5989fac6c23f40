using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Leases;

/// <summary>
/// Lease.Epoch of a v2 lease (3.3.5.9.11, 3.3.4.7): where a new lease starts, the one added by a grant
/// that changes the state, none for a request that changes nothing or is no superset (the lease is not
/// promoted), the NewEpoch of a break kept by the lease; and which version answers once a lease exists.
/// </summary>
/// <remarks>
/// Our text increments Lease.Epoch whenever the object store "succeeds" a promotion, even to the state
/// the lease already has; the current text and Windows change it only with the state, which the
/// scenarios on an unchanged state check (3.3.5.9.11#N02).
/// </remarks>
public static class LeaseEpochScenarios
{
    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#N01", "3.3.5.9.11#21", "3.3.5.9.11#28"],
        Title = "3.x, v2: a new lease granted RWH answers the request's Epoch + 1 (the request's Epoch 5 gives 6)")]
    public static async Task NewLeaseStartsFromTheRequestsEpoch(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var (_, grant) = await LeasedOpenAsync(context, client, Request(context.ScratchPath("epoch-5"), Context(2, Guid.NewGuid(), RWH, epoch: 5), CreateDisposition.FileCreate));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#N01", "Epoch of a new lease granted RWH, the request's Epoch being 5", (ushort)6, grant.Epoch);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#N01", "3.3.5.9.11#20"],
        Title = "3.x, v2: a new lease granted nothing (H alone is no lease state) keeps the request's Epoch: nothing changed")]
    public static async Task NothingGrantedKeepsTheRequestsEpoch(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var (_, grant) = await LeasedOpenAsync(context, client, Request(context.ScratchPath("epoch-none"), Context(2, Guid.NewGuid(), H, epoch: 3), CreateDisposition.FileCreate));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#20", "LeaseState of a new lease asked H", LeaseState.None, grant.LeaseState, Name);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#N01", "Epoch of a new lease granted nothing, the request's Epoch being 3", (ushort)3, grant.Epoch);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#28"],
        Title = "3.x, v2: a second open with the same key asking a superset (R, then RH) upgrades the lease, and the Epoch goes up by one")]
    public static async Task UpgradeAddsOneToTheEpoch(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var path = context.ScratchPath("upgrade");
        var key = Guid.NewGuid();
        var (_, first) = await HolderAsync(context, client, path, R, leaseKey: key, request: Request(path, Context(2, key, R), CreateDisposition.FileCreate));
        var (_, upgraded) = await LeasedOpenAsync(context, client, Request(path, Context(2, key, RH, epoch: first.Epoch)));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#20", "LeaseState after the same key asked RH over R", RH, upgraded.LeaseState, Name);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#21", "Epoch after the upgrade from R to RH", (ushort)(first.Epoch + 1), upgraded.Epoch);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#N02", "3.3.5.9.11#26"],
        Title = "3.x, v2: a second open with the same key asking the state the lease has changes neither state nor Epoch")]
    public static async Task SameStateKeepsTheEpoch(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var path = context.ScratchPath("same-state");
        var key = Guid.NewGuid();
        var (_, first) = await HolderAsync(context, client, path, RWH, leaseKey: key, request: Request(path, Context(2, key, RWH), CreateDisposition.FileCreate));
        var (_, again) = await LeasedOpenAsync(context, client, Request(path, Context(2, key, RWH, epoch: first.Epoch)));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#26", "LeaseState after the same key asked RWH again", RWH, again.LeaseState, Name);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#N02", "Epoch after the same key asked the state it holds (our text would add one; the current text and Windows do not)",
            first.Epoch, again.Epoch);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#18", "3.3.5.9.11#26", "3.3.5.9.11#28"],
        Title = "3.x, v2: asking less (R of an RWH lease) does not lower the lease: the answer is the lease's RWH and Epoch")]
    public static Task LowerRequestIsNotAPromotionV2(ScenarioContext context) => NotPromotedAsync(context, 2, RWH, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#18", "3.3.5.9.11#26"],
        Title = "3.x, v2: asking a state that is no superset (RW of an RH lease) does not promote: the answer is the lease's RH")]
    public static Task DisjointRequestIsNotAPromotionV2(ScenarioContext context) => NotPromotedAsync(context, 2, RH, RW);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#17", "3.3.5.9.8#24"],
        Title = "v1: asking less (R of an RWH lease) does not lower the lease: the answer is the lease's RWH")]
    public static Task LowerRequestIsNotAPromotionV1(ScenarioContext context) => NotPromotedAsync(context, 1, RWH, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#24"],
        Title = "v1: a second open with the same key asking RWH over R upgrades the lease")]
    public static async Task UpgradeV1(ScenarioContext context)
    {
        var client = await ClientAsync(context, 1);
        var path = context.ScratchPath("upgrade-v1");
        var key = Guid.NewGuid();
        await HolderAsync(context, client, path, R, 1, key, Request(path, Context(1, key, R), CreateDisposition.FileCreate));
        var (_, upgraded) = await LeasedOpenAsync(context, client, Request(path, Context(1, key, RWH)));
        context.CheckEqual("3.3.5.9.8", "3.3.5.9.8#19", "LeaseState after the same key asked RWH over R", RWH, upgraded.LeaseState, Name);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", "3.3.5.9.11", Requirements = ["3.3.4.7#20", "3.3.5.9.11#28"],
        Title = "3.x, v2: the lease keeps the NewEpoch of its break: the holder's next open with the key answers it")]
    public static async Task TheBreaksEpochIsKept(ScenarioContext context)
    {
        var (held, second, _, body) = await BreakingAsync(context);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        await OplockSteps.CompletionOfAsync(context, second);
        var (_, after) = await LeasedOpenAsync(context, held.Holder, Request(held.Path, Context(2, held.Key, R, epoch: body.NewEpoch)));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#28", "LeaseState of the holder's next open asking R (no promotion)", RH, after.LeaseState, Name);
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#28", "Epoch of the holder's next open (Lease.Epoch, the break's NewEpoch)", body.NewEpoch, after.Epoch);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#21", "3.3.5.9.8#24"],
        Title = "3.x: a v1 request for a lease made with v2 is answered with a v1 context (SMB2_CREATE_RESPONSE_LEASE) and the lease's state")]
    public static Task V1RequestOfAV2Lease(ScenarioContext context) => OtherVersionAsync(context, 2, 1);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#23", "3.3.5.9.11#26"],
        Title = "3.x: a v2 request for a lease made with v1 is answered with a v2 context (SMB2_CREATE_RESPONSE_LEASE_V2) and the lease's state")]
    public static Task V2RequestOfAV1Lease(ScenarioContext context) => OtherVersionAsync(context, 1, 2);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.4.7", Requirements = ["3.3.4.7#21"],
        Title = "3.x: a lease made with v1 breaks with NewEpoch 0 even after a v2 request joined it (Lease.Version stays 1)")]
    public static async Task LeaseKeepsItsVersionForBreaks(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var path = context.ScratchPath("version-kept");
        var key = Guid.NewGuid();
        await HolderAsync(context, client, path, RWH, 1, key, Request(path, Context(1, key, RWH), CreateDisposition.FileCreate));
        await LeasedOpenAsync(context, client, Request(path, Context(2, key, RWH)));
        var other = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, client.Connection.Dialect!.Value));
        var second = await OplockSteps.PostCreateAsync(context, other, OplockSteps.OpenRequest(path, OplockLevel.None));
        var (notification, _) = await ExpectBreakAsync(context, client, key, "3.3.4.7", "3.3.4.7#11", "the v1-made lease's holder");
        context.CheckEqual("3.3.4.7", "3.3.4.7#21", "NewEpoch of the break of a lease made with v1", (ushort)0, notification.Response.Bytes.Span.U16(Smb2Header.Size + 2));
        await AcknowledgeAsync(context, client, key, RH);
        await OplockSteps.CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", Requirements = ["3.3.5.9.8#04", "3.3.5.9.8#07", "3.3.5.9.8#08", "3.3.5.9.8#11"],
        Title = "v1: a lease key in use on one file is refused on another with STATUS_INVALID_PARAMETER")]
    public static Task KeyOnAnotherFileV1(ScenarioContext context) => KeyOnAnotherFileAsync(context, 1);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", Requirements = ["3.3.5.9.11#07", "3.3.5.9.11#08"],
        Title = "3.x, v2: a lease key in use on one file is refused on another with STATUS_INVALID_PARAMETER")]
    public static Task KeyOnAnotherFileV2(ScenarioContext context) => KeyOnAnotherFileAsync(context, 2);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "3.3.4.17", Requirements = ["3.3.5.9.11#09", "3.3.5.9.11#11"],
        Title = "3.x, v2: once the last open of a lease closes, the lease is gone and its key makes a new lease on another file")]
    public static async Task KeyIsFreeAfterTheLastClose(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var key = Guid.NewGuid();
        var (open, _) = await HolderAsync(context, client, context.ScratchPath("first-file"), RWH, leaseKey: key);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        var created = await client.Connection.CreateAsync(client.Tree, Request(context.ScratchPath("second-file"), Context(2, key, RWH), CreateDisposition.FileCreate), context.CancellationToken);
        var grant = ExpectGrant(context, "3.3.5.9.11", "3.3.5.9.11#09", "the key on another file after its lease's last open closed",
            context.CheckBody("3.3.5.9.11", "CREATE of another file with the freed key", created.Response));
        context.CheckEqual("3.3.5.9.11", "3.3.5.9.11#09", "LeaseState of the new lease on the other file", RWH, grant.LeaseState, Name);
    }

    private static async Task NotPromotedAsync(ScenarioContext context, int version, LeaseState held, LeaseState asked)
    {
        var client = await ClientAsync(context, version);
        var path = context.ScratchPath($"not-promoted-{Name(asked)}");
        var key = Guid.NewGuid();
        var (_, first) = await HolderAsync(context, client, path, held, version, key, Request(path, Context(version, key, held), CreateDisposition.FileCreate));
        var (_, again) = await LeasedOpenAsync(context, client, Request(path, Context(version, key, asked, epoch: first.Epoch)));
        var clause = version == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#17" : "3.3.5.9.11#18", $"LeaseState when the {Name(held)} lease's key asks {Name(asked)} (no superset: not promoted)",
            held, again.LeaseState, Name);
        if (version == 2)
        {
            context.CheckEqual(clause, "3.3.5.9.11#28", "Epoch of the answer (Lease.Epoch, unchanged)", first.Epoch, again.Epoch);
        }
    }

    private static async Task OtherVersionAsync(ScenarioContext context, int made, int asked)
    {
        var client = await ClientAsync(context, 2);
        var path = context.ScratchPath($"v{made}-then-v{asked}");
        var key = Guid.NewGuid();
        await HolderAsync(context, client, path, RWH, made, key, Request(path, Context(made, key, RWH), CreateDisposition.FileCreate));
        var (_, grant) = await LeasedOpenAsync(context, client, Request(path, Context(asked, key, RWH)));
        var clause = asked == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        context.CheckEqual(clause, asked == 1 ? "3.3.5.9.8#21" : "3.3.5.9.11#23", $"version of the response context to a v{asked} request for a lease made with v{made} (the handler of the request's version builds it; Samba 4.17 answers in the version that made the lease)", asked, grant.Version);
        context.CheckEqual(clause, asked == 1 ? "3.3.5.9.8#24" : "3.3.5.9.11#26", "LeaseState of the answer", RWH, grant.LeaseState, Name);
    }

    private static async Task KeyOnAnotherFileAsync(ScenarioContext context, int version)
    {
        var client = await ClientAsync(context, version);
        var key = Guid.NewGuid();
        await HolderAsync(context, client, context.ScratchPath("keyed"), RWH, version, key);
        var created = await client.Connection.CreateAsync(client.Tree, Request(context.ScratchPath("other-file"), Context(version, key, RWH), CreateDisposition.FileCreate), context.CancellationToken);
        var clause = version == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        context.CheckStatus(clause, version == 1 ? "3.3.5.9.8#08" : "3.3.5.9.11#08", "CREATE of another file with a lease key in use (Lease.Filename differs)", NtStatus.InvalidParameter, created.Status);
    }
}
