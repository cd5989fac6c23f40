using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Protocol;

/// <summary>
/// The lock sequence of current MS-SMB2 3.3.5.14 where the replay scenarios do not reach: a plain open
/// on a connection with and without SMB2_GLOBAL_CAP_MULTI_CHANNEL (the client asks for it), 2.0.2 (no lock sequence), and a
/// blocked lock that records its sequence once granted.
/// </summary>
[TestFixture]
public sealed class LockSequenceTests
{
    [TestCase(true, NtStatus.Success)]
    [TestCase(false, NtStatus.LockNotGranted)]
    public async Task A_plain_open_is_checked_only_on_a_multichannel_connection(bool multiChannel, uint resent)
    {
        var (host, client, treeId, file) = await OpenAsync(new ServerConfiguration { MultiChannel = multiChannel }, Dialect.Smb302);
        await using (host)
        await using (client)
        {
            Assert.That((await client.SendAsync(Sequenced(file, Exclusive, 1, 3), treeId)).Header.Status, Is.EqualTo(NtStatus.Success));
            Assert.That((await client.SendAsync(Sequenced(file, Exclusive, 1, 3), treeId)).Header.Status, Is.EqualTo(resent));
        }
    }

    [Test]
    public async Task At_202_the_field_is_reserved_and_nothing_is_checked()
    {
        var (host, client, treeId, file) = await OpenAsync(new ServerConfiguration(), Dialect.Smb202);
        await using (host)
        await using (client)
        {
            Assert.That((await client.SendAsync(Sequenced(file, Exclusive, 1, 3), treeId)).Header.Status, Is.EqualTo(NtStatus.Success));
            Assert.That((await client.SendAsync(Sequenced(file, Exclusive, 1, 3), treeId)).Header.Status, Is.EqualTo(NtStatus.LockNotGranted));
        }
    }

    [Test]
    public async Task A_blocked_lock_records_its_sequence_when_granted()
    {
        var (host, client, treeId, holder) = await OpenAsync(new ServerConfiguration(), Dialect.Smb302);
        await using (host)
        await using (client)
        {
            var (_, waiter) = await client.CreateAsync(treeId, "sequenced.bin");
            Assert.That((await client.SendAsync(Sequenced(holder, Exclusive, 0, 0), treeId)).Header.Status, Is.EqualTo(NtStatus.Success));
            var interim = await client.SendAsync(Sequenced(waiter, LockFlags.ExclusiveLock, 4, 7), treeId, skipInterim: false);
            Assert.That(interim.Header.Status, Is.EqualTo(NtStatus.Pending));
            var unlocked = await client.SendAsync(Sequenced(holder, LockFlags.Unlock, 0, 0), treeId);
            var other = await client.ReceiveAsync();
            Assert.That(new[] { unlocked.Header.Status, other.Header.Status }, Is.All.EqualTo(NtStatus.Success));
            Assert.That((await client.SendAsync(Sequenced(waiter, Exclusive, 4, 7), treeId)).Header.Status, Is.EqualTo(NtStatus.Success));
        }
    }

    private const LockFlags Exclusive = LockFlags.ExclusiveLock | LockFlags.FailImmediately;

    private static LockRequest Sequenced(FileId file, LockFlags flags, uint index, byte number) =>
        new() { FileId = file, LockSequenceIndex = index, LockSequenceNumber = number, Locks = [new LockElement(0, 10, flags)] };

    private static async Task<(ReferenceServerHost Host, TestClient Client, uint TreeId, FileId File)> OpenAsync(ServerConfiguration configuration, Dialect dialect)
    {
        var host = await ReferenceServerHost.StartAsync(configuration);
        var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([dialect], capabilities: GlobalCapabilities.Encryption | GlobalCapabilities.LargeMtu | GlobalCapabilities.MultiChannel);
        await client.SessionSetupAsync("tester", "Passw0rd!");
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var (_, file) = await client.CreateAsync(treeId, "sequenced.bin");
        return (host, client, treeId, file);
    }
}
