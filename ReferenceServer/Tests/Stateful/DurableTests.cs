using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using static Conformance.ReferenceServer.Tests.Stateful.ReferenceServerFixture;

namespace Conformance.ReferenceServer.Tests.Stateful;

/// <summary>
/// Durable handles end to end (3.3.5.9.6, 3.3.5.9.10, 3.3.7.1, 3.3.5.9.7, 3.3.5.9.12, 3.3.6.2) through
/// our own client on the fake clock: the grant, the open kept when its connection drops, the reconnect
/// on a new connection and session, the refusal while the old session holds it, the scavenger.
/// </summary>
[TestFixture]
public sealed class DurableTests
{
    [Test]
    public async Task A_DH2Q_open_is_kept_on_connection_loss_and_reconnected_with_DH2C()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var request = Create("durable.txt", OplockLevel.Batch);
        request.CreateContexts.Add(new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid(), Timeout = 30_000 });
        var open = (await client.Connection.CreateAsync(client.Tree, request)).RequireOpen();
        Assert.That((open.Durable, open.DurableTimeout), Is.EqualTo((true, 30_000u)));
        await client.Connection.AbortAsync();
        var serverOpen = server.Host.Server.GlobalOpenTable[open.FileId.Persistent];
        await WaitUntilAsync(() => serverOpen.Session is null, "the loss noticed, the open kept (3.3.7.1)");
        Assert.That(serverOpen.DurableOpenScavengerTimeout, Is.EqualTo(server.Clock.GetUtcNow() + TimeSpan.FromSeconds(30)), "3.3.7.1: the DH2Q's Timeout from the loss");
        var again = await server.LogOnAsync(client.Client);
        var reconnected = await again.Connection.ReconnectAsync(open, again.Tree, ReconnectKind.DurableV2);
        Assert.That(reconnected.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(reconnected.Response.Body!.FileId.Persistent, Is.EqualTo(serverOpen.DurableFileId.Persistent));
        Assert.That(serverOpen.Session, Is.Not.Null);
        Assert.That(serverOpen.DurableOpenScavengerTimeout, Is.Null, "reclaimed: the scavenger no longer counts it");
    }

    [Test]
    public async Task A_reconnect_while_the_session_holds_the_open_is_refused()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var request = Create("held.txt", OplockLevel.Batch);
        request.CreateContexts.Add(new CreateDurableHandleRequest());
        var open = (await client.Connection.CreateAsync(client.Tree, request)).RequireOpen();
        var again = await server.LogOnAsync(client.Client);
        var refused = await again.Connection.CreateAsync(again.Tree, again.Connection.ReconnectRequest(open, ReconnectKind.DurableV1));
        Assert.That(refused.Status, Is.EqualTo(NtStatus.ObjectNameNotFound), "3.3.5.9.7 step 7: Open.Session is not NULL");
    }

    [Test]
    public async Task The_scavenger_closes_an_unclaimed_durable_open_when_its_time_out_passes()
    {
        await using var server = await StartAsync(configuration => configuration with { DurableTimeout = TimeSpan.FromSeconds(60) });
        var client = await server.LogOnAsync();
        var request = Create("scavenged.txt", OplockLevel.Batch);
        request.CreateContexts.Add(new CreateDurableHandleRequest());
        var open = (await client.Connection.CreateAsync(client.Tree, request)).RequireOpen();
        await client.Connection.AbortAsync();
        var serverOpen = server.Host.Server.GlobalOpenTable[open.FileId.Persistent];
        await WaitUntilAsync(() => serverOpen.Session is null, "the loss noticed, the open kept (3.3.7.1)");
        server.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(server.Host.Server.GlobalOpenTable.ContainsKey(open.FileId.Persistent), Is.True, "59 s into a 60 s durable time-out");
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => !server.Host.Server.GlobalOpenTable.ContainsKey(open.FileId.Persistent), "the scavenger closes it (3.3.6.2)");
        var again = await server.LogOnAsync(client.Client);
        var refused = await again.Connection.ReconnectAsync(open, again.Tree, ReconnectKind.DurableV1);
        Assert.That(refused.Status, Is.EqualTo(NtStatus.ObjectNameNotFound));
    }
}
