using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using static Conformance.ReferenceServer.Tests.Stateful.ReferenceServerFixture;

namespace Conformance.ReferenceServer.Tests.Stateful;

/// <summary>
/// Disconnect as a policy (3.3.7.1, 3.3.5.6) and the timers of 3.3.2 on the fake clock: which opens a
/// lost connection or a LOGOFF keeps, and the scavenger that closes a kept open nobody reclaims.
/// Durability is set on the ADM directly here: the server does not grant it over the wire yet.
/// </summary>
[TestFixture]
public sealed class TeardownAndTimerTests
{
    [Test]
    public async Task Connection_loss_keeps_a_durable_open_with_a_held_batch_oplock_and_the_scavenger_closes_it_in_time()
    {
        await using var server = await StartAsync(configuration => configuration with { DurableTimeout = TimeSpan.FromSeconds(60) });
        var client = await server.LogOnAsync(Dialect.Smb210);
        var held = (await client.Connection.CreateAsync(client.Tree, Create("durable.txt", OplockLevel.Batch))).RequireOpen();
        var plain = (await client.Connection.CreateAsync(client.Tree, Create("plain.txt", OplockLevel.None))).RequireOpen();
        var durable = OpenOf(server, held);
        durable.IsDurable = true;
        await client.Connection.DisposeAsync();
        await WaitUntilAsync(() => !server.Host.Server.GlobalOpenTable.ContainsKey(plain.FileId.Persistent), "the non-durable open is closed");
        Assert.Multiple(() =>
        {
            Assert.That(server.Host.Server.GlobalOpenTable.ContainsKey(held.FileId.Persistent), Is.True, "3.3.7.1 keeps it");
            Assert.That(durable.Connection, Is.Null);
            Assert.That(durable.Session, Is.Null);
            Assert.That(durable.TreeConnect, Is.Null);
            Assert.That(durable.DurableOpenScavengerTimeout, Is.EqualTo(server.Clock.GetUtcNow() + TimeSpan.FromSeconds(60)), "2.1: the server's own time-out (3.3.7.1)");
        });
        server.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(server.Host.Server.GlobalOpenTable.ContainsKey(held.FileId.Persistent), Is.True, "kept at least the time-out (3.3.2.2)");
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => !server.Host.Server.GlobalOpenTable.ContainsKey(held.FileId.Persistent), "the durable open scavenger closes it (3.3.6.2)");
    }

    [Test]
    public async Task Connection_loss_closes_a_durable_open_whose_oplock_is_breaking()
    {
        await using var server = await StartAsync();
        var holder = await server.LogOnAsync();
        var other = await server.LogOnAsync();
        var held = (await holder.Connection.CreateAsync(holder.Tree, Create("breaking.txt", OplockLevel.Batch))).RequireOpen();
        OpenOf(server, held).IsDurable = true;
        var second = await PostCreateAsync(other, Create("breaking.txt", OplockLevel.None));
        await holder.Connection.WaitForBreakNotificationAsync(Wait);
        await holder.Connection.DisposeAsync();
        Assert.That((await second.WaitAsync(Wait)).Status, Is.EqualTo(NtStatus.Success), "closing the breaking open ends the break");
        Assert.That(server.Host.Server.GlobalOpenTable.ContainsKey(held.FileId.Persistent), Is.False, "3.3.7.1 keeps only opens whose oplock is Held");
    }

    [Test]
    public async Task Logoff_keeps_durable_opens_and_closes_the_rest()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var durable = (await client.Connection.CreateAsync(client.Tree, Create("logoff-durable.txt", OplockLevel.None))).RequireOpen();
        var plain = (await client.Connection.CreateAsync(client.Tree, Create("logoff-plain.txt", OplockLevel.None))).RequireOpen();
        OpenOf(server, durable).IsDurable = true;
        var loggedOff = await client.Connection.LogoffAsync(client.Session);
        Assert.That(loggedOff.Status, Is.EqualTo(NtStatus.Success));
        Assert.Multiple(() =>
        {
            Assert.That(server.Host.Server.GlobalOpenTable.ContainsKey(durable.FileId.Persistent), Is.True, "3.3.5.6: a durable open outlives the LOGOFF");
            Assert.That(server.Host.Server.GlobalOpenTable.ContainsKey(plain.FileId.Persistent), Is.False);
        });
    }

    [Test]
    public async Task A_session_expires_on_the_servers_clock()
    {
        await using var server = await StartAsync(configuration => configuration with { SessionLifetime = TimeSpan.FromMinutes(10) });
        var client = await server.LogOnAsync();
        var session = server.Host.Server.GlobalSessionTable[client.Session.SessionId];
        server.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.That(session.State, Is.EqualTo(SessionState.Valid));
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => session.State == SessionState.Expired, "3.3.6.3 expires it");
        var echo = await client.Connection.CreateAsync(client.Tree, Create("expired.txt", OplockLevel.None));
        Assert.That(echo.Status, Is.EqualTo(NtStatus.NetworkSessionExpired));
    }

    [Test]
    public async Task A_handler_exception_answers_internal_error_and_is_recorded()
    {
        await using var server = await StartAsync(configuration => configuration with
        {
            FaultInjection = command => command == Smb2Command.Flush ? new InvalidOperationException("injected") : null,
        });
        var client = await server.LogOnAsync();
        var open = (await client.Connection.CreateAsync(client.Tree, Create("fault.txt", OplockLevel.None))).RequireOpen();
        var flushed = await client.Connection.FlushAsync(open);
        Assert.That(flushed.Status, Is.EqualTo(NtStatus.InternalError));
        var fault = server.Host.Faults.Single();
        Assert.That(fault.Command, Is.EqualTo("FLUSH"));
        Assert.That(fault.Exception, Does.Contain("injected"));
        Assert.That((await client.Connection.EchoAsync()).Status, Is.EqualTo(NtStatus.Success), "the connection goes on");
    }

    [Test]
    public async Task A_request_leaves_the_outstanding_count_when_it_completes()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var directory = (await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = "",
            DesiredAccess = AccessMask.FileReadData | AccessMask.Synchronize,
            ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
            CreateDisposition = CreateDisposition.FileOpen,
            CreateOptions = CreateOptions.FileDirectoryFile,
        })).RequireOpen();
        var open = OpenOf(server, directory);
        var notify = (await client.Connection.PostAsync([new Smb2Request(client.Connection.Build(new ChangeNotifyRequest { FileId = directory.FileId, CompletionFilter = (CompletionFilter)0x17 }, client.Session, client.Tree))
        {
            Session = client.Session,
            TreeConnect = client.Tree,
        }]))[0]!;
        await notify.WaitForInterimAsync(Wait);
        Assert.That(open.OutstandingRequestCount, Is.EqualTo(1), "3.3.5.2.10 counts the pending CHANGE_NOTIFY");
        await client.Connection.CancelAsync(notify);
        Assert.That((await notify.WaitAsync(Wait)).Status, Is.EqualTo(NtStatus.Cancelled));
        await WaitUntilAsync(() => open.OutstandingRequestCount == 0, "3.3.4.1 decrements it with the final response");
    }

    private static Adm.Open OpenOf(ReferenceServerFixture server, Adapters.Client.Open open) =>
        server.Host.Server.GlobalOpenTable[open.FileId.Persistent];
}
