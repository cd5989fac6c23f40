using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Protocol;

/// <summary>Requests that block: an interim STATUS_PENDING with an AsyncId, then a final async response (3.3.4.2, 3.3.5.16).</summary>
[TestFixture]
public sealed class AsyncRequestTests
{
    [Test]
    public async Task Change_notify_goes_pending_and_cancel_completes_it_cancelled()
    {
        await using var host = await ReferenceServerHost.StartAsync(new ServerConfiguration());
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb311]);
        await client.SessionSetupAsync("tester", "Passw0rd!");
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var (_, directory) = await client.CreateAsync(treeId, "", CreateDisposition.FileOpen, options: CreateOptions.FileDirectoryFile);
        var interim = await SendRawAsync(client, new ChangeNotifyRequest { FileId = directory, CompletionFilter = (CompletionFilter)0x17 }, treeId);
        Assert.That(interim.Header.Status, Is.EqualTo(NtStatus.Pending));
        Assert.That(interim.Header.IsAsync, Is.True);
        Assert.That(interim.Header.AsyncId, Is.Not.Zero);
        var cancel = new Smb2Header
        {
            Command = Smb2Command.Cancel,
            Flags = Smb2HeaderFlags.AsyncCommand,
            AsyncId = interim.Header.AsyncId,
            MessageId = interim.Header.MessageId,
            SessionId = client.SessionId,
        };
        cancel.Flags |= Smb2HeaderFlags.Signed;
        var bytes = Smb2Message.For(new CancelRequest(), cancel).Encode();
        Conformance.Adapters.Security.MessageSigner.Sign(client.SigningAlgorithm, client.Keys!.SigningKey, bytes);
        await client.Transport.SendAsync(bytes);
        var final = await client.ReceiveAsync();
        Assert.That(final.Header.Status, Is.EqualTo(NtStatus.Cancelled));
        Assert.That(final.Header.AsyncId, Is.EqualTo(interim.Header.AsyncId));
        Assert.That(final.Header.Command, Is.EqualTo(Smb2Command.ChangeNotify));
    }

    [Test]
    public async Task Blocking_lock_waits_for_the_unlock()
    {
        await using var host = await ReferenceServerHost.StartAsync(new ServerConfiguration());
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb302]);
        await client.SessionSetupAsync("tester", "Passw0rd!");
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var (_, first) = await client.CreateAsync(treeId, "locked.bin");
        var (_, second) = await client.CreateAsync(treeId, "locked.bin");
        var locked = await client.SendAsync(new LockRequest { FileId = first, Locks = [new LockElement(0, 10, LockFlags.ExclusiveLock | LockFlags.FailImmediately)] }, treeId);
        Assert.That(locked.Header.Status, Is.EqualTo(NtStatus.Success));
        var refused = await client.SendAsync(new LockRequest { FileId = second, Locks = [new LockElement(5, 10, LockFlags.SharedLock | LockFlags.FailImmediately)] }, treeId);
        Assert.That(refused.Header.Status, Is.EqualTo(NtStatus.LockNotGranted));
        var interim = await SendRawAsync(client, new LockRequest { FileId = second, Locks = [new LockElement(5, 10, LockFlags.ExclusiveLock)] }, treeId);
        Assert.That(interim.Header.Status, Is.EqualTo(NtStatus.Pending));
        var unlocked = await client.SendAsync(new LockRequest { FileId = first, Locks = [new LockElement(0, 10, LockFlags.Unlock)] }, treeId);
        // The unlock's response and the blocked lock's final response come in either order.
        var other = await client.ReceiveAsync();
        var replies = new[] { unlocked, other };
        Assert.That(replies.Select(reply => (reply.Header.Status, reply.Header.IsAsync)),
            Is.EquivalentTo(new[] { (NtStatus.Success, false), (NtStatus.Success, true) }));
    }

    /// <summary>Sends a signed request and returns the first reply, interim responses included.</summary>
    private static async Task<Reply> SendRawAsync(TestClient client, IMessageBody body, uint treeId)
        => await client.SendAsync(body, treeId, skipInterim: false);
}
