using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using static Conformance.ReferenceServer.Tests.Stateful.ReferenceServerFixture;

namespace Conformance.ReferenceServer.Tests.Stateful;

/// <summary>
/// Leases end to end (3.3.5.9.8, 3.3.5.9.11, 3.3.4.7, 3.3.5.22.2, 3.3.6.1) through our own client,
/// with the server's lease tables (3.3.1.11, 3.3.1.12) read directly: what a grant leaves in
/// GlobalLeaseTableList, a break and its acknowledgment, the lease break timer on the fake clock, and
/// a lease's key freed with its last open.
/// </summary>
[TestFixture]
public sealed class LeaseTests
{
    private const LeaseState Rwh = LeaseState.ReadCaching | LeaseState.WriteCaching | LeaseState.HandleCaching;
    private const LeaseState Rh = LeaseState.ReadCaching | LeaseState.HandleCaching;

    [Test]
    public async Task A_grant_leaves_the_lease_in_the_clients_table_with_its_open()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var key = Guid.NewGuid();
        var created = await client.Connection.CreateAsync(client.Tree, Leased("table.txt", key, Rwh, epoch: 7));
        var grant = created.Response.Body!.CreateContexts.OfType<CreateResponseLeaseV2>().Single();
        Assert.That((grant.LeaseState, grant.Epoch), Is.EqualTo((Rwh, (ushort)8)));
        var table = server.Host.Server.GlobalLeaseTableList[client.Connection.ClientGuid];
        var lease = table.LeaseList[key];
        Assert.Multiple(() =>
        {
            Assert.That(lease.LeaseState, Is.EqualTo(Rwh));
            Assert.That(lease.Version, Is.EqualTo(2));
            Assert.That(lease.LeaseOpens, Has.Count.EqualTo(1));
            Assert.That(lease.LeaseOpens[0].OplockLevel, Is.EqualTo(OplockLevel.Lease));
            Assert.That(lease.Filename, Is.EqualTo(@"conf\table.txt"));
        });
    }

    [Test]
    public async Task A_break_is_acknowledged_and_the_waiting_open_completes()
    {
        await using var server = await StartAsync();
        var holder = await server.LogOnAsync();
        var other = await server.LogOnAsync();
        var key = Guid.NewGuid();
        (await holder.Connection.CreateAsync(holder.Tree, Leased("break.txt", key, Rwh))).RequireOpen();
        var second = await PostCreateAsync(other, Create("break.txt", OplockLevel.None));
        var notification = await holder.Client.Breaks.WaitForLeaseBreakAsync(key, Wait);
        Assert.That((notification.LeaseBreak!.CurrentLeaseState, notification.LeaseBreak.NewLeaseState, notification.LeaseBreak.NewEpoch), Is.EqualTo((Rwh, Rh, (ushort)2)));
        var lease = server.Host.Server.GlobalLeaseTableList[holder.Connection.ClientGuid].LeaseList[key];
        Assert.That((lease.Breaking, lease.BreakToLeaseState, lease.Epoch), Is.EqualTo((true, Rh, (ushort)2)));
        await second.WaitForInterimAsync(Wait);
        Assert.That(second.IsCompleted, Is.False, "the open waits for the acknowledgment");
        var acknowledged = await holder.Connection.LeaseBreakAcknowledgmentAsync(holder.Tree, key, Rh);
        Assert.That(acknowledged.Status, Is.EqualTo(NtStatus.Success));
        Assert.That((await second.WaitAsync(Wait)).Status, Is.EqualTo(NtStatus.Success));
        Assert.That((lease.Breaking, lease.LeaseState), Is.EqualTo((false, Rh)));
    }

    [Test]
    public async Task Without_an_acknowledgment_the_lease_break_timer_ends_the_break_at_none()
    {
        await using var server = await StartAsync(configuration => configuration with { LeaseBreakTimeout = TimeSpan.FromSeconds(35) });
        var holder = await server.LogOnAsync();
        var other = await server.LogOnAsync();
        var key = Guid.NewGuid();
        (await holder.Connection.CreateAsync(holder.Tree, Leased("silent.txt", key, Rwh))).RequireOpen();
        var second = await PostCreateAsync(other, Create("silent.txt", OplockLevel.None));
        await holder.Client.Breaks.WaitForLeaseBreakAsync(key, Wait);
        await second.WaitForInterimAsync(Wait);
        server.Clock.Advance(TimeSpan.FromSeconds(34));
        Assert.That(second.IsCompleted, Is.False, "34 s into a 35 s lease break timer");
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await second.WaitAsync(Wait)).Status, Is.EqualTo(NtStatus.Success));
        var lease = server.Host.Server.GlobalLeaseTableList[holder.Connection.ClientGuid].LeaseList[key];
        Assert.That((lease.Breaking, lease.LeaseState), Is.EqualTo((false, LeaseState.None)), "3.3.6.1: the timed-out lease is NONE");
        var late = await holder.Connection.LeaseBreakAcknowledgmentAsync(holder.Tree, key, Rh);
        Assert.That(late.Status, Is.EqualTo(NtStatus.Unsuccessful));
    }

    [Test]
    public async Task The_last_close_frees_the_lease_and_its_key()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var key = Guid.NewGuid();
        var first = (await client.Connection.CreateAsync(client.Tree, Leased("one.txt", key, Rwh))).RequireOpen();
        var again = (await client.Connection.CreateAsync(client.Tree, Leased("one.txt", key, Rwh))).RequireOpen();
        var table = server.Host.Server.GlobalLeaseTableList[client.Connection.ClientGuid];
        Assert.That(table.LeaseList[key].LeaseOpens, Has.Count.EqualTo(2), "two opens, one lease");
        Assert.That((await client.Connection.CreateAsync(client.Tree, Leased("two.txt", key, Rwh))).Status, Is.EqualTo(NtStatus.InvalidParameter));
        await client.Connection.CloseAsync(first);
        Assert.That(table.LeaseList.ContainsKey(key), Is.True, "one open is left");
        await client.Connection.CloseAsync(again);
        Assert.That(table.LeaseList.ContainsKey(key), Is.False);
        Assert.That((await client.Connection.CreateAsync(client.Tree, Leased("two.txt", key, Rwh))).Status, Is.EqualTo(NtStatus.Success));
    }

    [Test]
    public async Task Without_leasing_the_context_is_ignored_and_the_capability_not_announced()
    {
        await using var server = await StartAsync(configuration => configuration with { Leasing = false });
        var client = await server.LogOnAsync();
        Assert.That(client.Connection.ServerCapabilities & GlobalCapabilities.Leasing, Is.EqualTo(GlobalCapabilities.None));
        var created = await client.Connection.CreateAsync(client.Tree, Leased("no-leasing.txt", Guid.NewGuid(), Rwh));
        Assert.That(created.Response.Body!.OplockLevel, Is.EqualTo(OplockLevel.None));
        Assert.That(created.Response.Body.CreateContexts, Is.Empty);
        Assert.That(server.Host.Server.GlobalLeaseTableList, Is.Empty);
    }

    private static CreateRequest Leased(string name, Guid key, LeaseState state, ushort epoch = 0)
    {
        var request = Create(name, OplockLevel.Lease);
        request.CreateContexts.Add(new CreateRequestLeaseV2 { LeaseKey = key, LeaseState = state, Epoch = epoch });
        return request;
    }
}
