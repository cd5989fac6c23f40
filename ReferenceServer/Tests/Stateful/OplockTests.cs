using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.ReferenceServer.Tests.Stateful.ReferenceServerFixture;

namespace Conformance.ReferenceServer.Tests.Stateful;

/// <summary>
/// Oplocks end to end (3.3.5.9 Oplock Acquisition, 3.3.4.6, 3.3.5.22.1, 3.3.6.1) through our own client:
/// grants, the break a second open causes, the create held up until the acknowledgment or the
/// acknowledgment timer on the fake clock, and a holder and breaker on the same connection.
/// </summary>
[TestFixture]
public sealed class OplockTests
{
    [TestCase(Dialect.Smb202, OplockLevel.Batch)]
    [TestCase(Dialect.Smb210, OplockLevel.Exclusive)]
    [TestCase(Dialect.Smb311, OplockLevel.Batch)]
    [TestCase(Dialect.Smb311, OplockLevel.II)]
    public async Task An_open_alone_gets_the_oplock_it_asks_for(Dialect dialect, OplockLevel level)
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync(dialect);
        var created = await client.Connection.CreateAsync(client.Tree, Create($"alone-{level}.txt", level));
        Assert.That(created.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(created.Response.Body!.OplockLevel, Is.EqualTo(level));
    }

    [Test]
    public async Task A_second_open_breaks_a_batch_oplock_and_completes_after_the_acknowledgment()
    {
        await using var server = await StartAsync();
        var holder = await server.LogOnAsync();
        var other = await server.LogOnAsync();
        var held = (await holder.Connection.CreateAsync(holder.Tree, Create("batch.txt", OplockLevel.Batch))).RequireOpen();
        var second = await PostCreateAsync(other, Create("batch.txt", OplockLevel.Batch));
        var (notification, body) = await holder.Connection.WaitForBreakNotificationAsync(Wait);
        var oplockBreak = OplockBreakOf(body);
        Assert.Multiple(() =>
        {
            Assert.That(notification.Header.MessageId, Is.EqualTo(ulong.MaxValue));
            Assert.That(notification.Header.SessionId, Is.Zero);
            Assert.That(notification.Header.TreeId, Is.Zero);
            Assert.That(notification.Header.IsSigned, Is.False);
            Assert.That(oplockBreak.OplockLevel, Is.EqualTo(OplockLevel.II));
            Assert.That(oplockBreak.FileId, Is.EqualTo(held.FileId));
        });
        var interim = await second.WaitForInterimAsync(Wait);
        Assert.That(interim.Header.Status, Is.EqualTo(NtStatus.Pending));
        Assert.That(second.IsCompleted, Is.False, "the second CREATE waits for the acknowledgment");
        var acknowledged = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II);
        Assert.That(acknowledged.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(acknowledged.Body!.OplockLevel, Is.EqualTo(OplockLevel.II));
        var completed = Smb2Response<CreateResponse>.From(await second.WaitAsync(Wait));
        Assert.That(completed.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(completed.Body!.OplockLevel, Is.EqualTo(OplockLevel.II), "level II for the second opener, as for the first after its break");
    }

    [Test]
    public async Task Without_an_acknowledgment_the_waiting_create_completes_when_the_timer_expires()
    {
        await using var server = await StartAsync(configuration => configuration with { OplockBreakTimeout = TimeSpan.FromSeconds(35) });
        var holder = await server.LogOnAsync();
        var other = await server.LogOnAsync();
        var held = (await holder.Connection.CreateAsync(holder.Tree, Create("silent.txt", OplockLevel.Batch))).RequireOpen();
        var second = await PostCreateAsync(other, Create("silent.txt", OplockLevel.None));
        await holder.Connection.WaitForBreakNotificationAsync(Wait);
        await second.WaitForInterimAsync(Wait);
        server.Clock.Advance(TimeSpan.FromSeconds(34));
        Assert.That(second.IsCompleted, Is.False, "34 s into a 35 s acknowledgment timer");
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var completed = await second.WaitAsync(Wait);
        Assert.That(completed.Status, Is.EqualTo(NtStatus.Success));
        var open = server.Host.Server.GlobalOpenTable.Values.Single(candidate => candidate.FileId.Volatile == held.FileId.Volatile);
        Assert.That(open.OplockLevel, Is.EqualTo(OplockLevel.None), "3.3.6.1: the timed-out open keeps no oplock");
        var late = await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.II);
        Assert.That(late.Status, Is.EqualTo(NtStatus.InvalidDeviceState), "3.3.5.22.1: an acknowledgment with no break outstanding");
    }

    [Test]
    public async Task A_create_that_breaks_an_oplock_held_on_its_own_connection_completes_after_the_acknowledgment_there()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var held = (await client.Connection.CreateAsync(client.Tree, Create("same.txt", OplockLevel.Batch))).RequireOpen();
        var second = await PostCreateAsync(client, Create("same.txt", OplockLevel.None));
        var (_, body) = await client.Connection.WaitForBreakNotificationAsync(Wait);
        Assert.That(OplockBreakOf(body).FileId, Is.EqualTo(held.FileId));
        var acknowledged = await client.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.None);
        Assert.That(acknowledged.Status, Is.EqualTo(NtStatus.Success));
        Assert.That((await second.WaitAsync(Wait)).Status, Is.EqualTo(NtStatus.Success));
    }

    [Test]
    public async Task An_overwriting_open_breaks_to_none_and_a_write_breaks_level_II_without_an_acknowledgment()
    {
        await using var server = await StartAsync();
        var holder = await server.LogOnAsync();
        var other = await server.LogOnAsync();
        var held = (await holder.Connection.CreateAsync(holder.Tree, Create("write.txt", OplockLevel.Batch))).RequireOpen();
        var overwrite = await PostCreateAsync(other, Create("write.txt", OplockLevel.II, CreateDisposition.FileOverwriteIf));
        var (_, toNone) = await holder.Connection.WaitForBreakNotificationAsync(Wait);
        Assert.That(OplockBreakOf(toNone).OplockLevel, Is.EqualTo(OplockLevel.None));
        await holder.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.None);
        var writer = Smb2Response<CreateResponse>.From(await overwrite.WaitAsync(Wait));
        Assert.That(writer.Body!.OplockLevel, Is.EqualTo(OplockLevel.II));
        var reader = await holder.Connection.CreateAsync(holder.Tree, Create("write.txt", OplockLevel.II));
        Assert.That(reader.Response.Body!.OplockLevel, Is.EqualTo(OplockLevel.II), "level II is shared");
        var written = await other.Connection.WriteAsync(new Open(other.Tree, other.Connection, writer.Body.FileId, "write.txt"), 0, new byte[] { 1, 2, 3 });
        Assert.That(written.Status, Is.EqualTo(NtStatus.Success), "the write does not wait: level II breaks need no acknowledgment");
        var (_, levelTwoBreak) = await holder.Connection.WaitForBreakNotificationAsync(Wait);
        Assert.That(OplockBreakOf(levelTwoBreak).OplockLevel, Is.EqualTo(OplockLevel.None));
        Assert.That(OplockBreakOf(levelTwoBreak).FileId, Is.EqualTo(reader.Open!.FileId));
        var unexpected = await holder.Connection.OplockBreakAcknowledgmentAsync(reader.Open, OplockLevel.None);
        Assert.That(unexpected.Status, Is.EqualTo(NtStatus.InvalidDeviceState), "nothing is left Breaking after a level II break");
    }

    [Test]
    public async Task An_attribute_only_open_breaks_nothing()
    {
        await using var server = await StartAsync();
        var holder = await server.LogOnAsync();
        var other = await server.LogOnAsync();
        await holder.Connection.CreateAsync(holder.Tree, Create("attributes.txt", OplockLevel.Batch));
        var attributes = await other.Connection.CreateAsync(other.Tree, Create("attributes.txt", OplockLevel.None, CreateDisposition.FileOpen, AccessMask.FileReadAttributes | AccessMask.Synchronize));
        Assert.That(attributes.Status, Is.EqualTo(NtStatus.Success));
        await holder.Connection.EchoAsync();
        Assert.That(holder.Connection.PendingBreakCount, Is.Zero);
    }

    [Test]
    public async Task Acknowledgment_errors_of_3_3_5_22_1()
    {
        await using var server = await StartAsync();
        var client = await server.LogOnAsync();
        var held = (await client.Connection.CreateAsync(client.Tree, Create("errors.txt", OplockLevel.Batch))).RequireOpen();
        var notBreaking = await client.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.Exclusive);
        Assert.That(notBreaking.Status, Is.EqualTo(NtStatus.InvalidOplockProtocol), "exclusive or batch held, a level other than II/none, not breaking");
        var lease = await client.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.Lease);
        Assert.That(lease.Status, Is.EqualTo(NtStatus.InvalidParameter), "SMB2_OPLOCK_LEVEL_LEASE, not breaking");
        var none = await client.Connection.OplockBreakAcknowledgmentAsync(held, OplockLevel.None);
        Assert.That(none.Status, Is.EqualTo(NtStatus.InvalidDeviceState), "level none, not breaking");
        var unknown = await client.Connection.OplockBreakAcknowledgmentAsync(new Open(client.Tree, client.Connection, new FileId(0x1234, 0x5678), "none"), OplockLevel.None);
        Assert.That(unknown.Status, Is.EqualTo(NtStatus.FileClosed));
    }

    private static OplockBreakNotification OplockBreakOf(DecodeResult<IOplockBreakBody> body) =>
        body.Value as OplockBreakNotification ?? throw new AssertionException($"not an Oplock Break Notification: {body}");
}
