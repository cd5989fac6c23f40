using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Protocol;

/// <summary>
/// State the server keeps and a later exchange shows: the sizes a connection announced, a failed
/// re-authentication's teardown, capabilities taken from SESSION_SETUP, a share's use limit, the
/// ChannelSequence of an IOCTL's open, and a disabled server.
/// </summary>
[TestFixture]
public sealed class SessionAndConnectionStateTests
{
    private const string Limited = "limited";
    private ReferenceServerHost host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => host = await ReferenceServerHost.StartAsync(new ServerConfiguration
    {
        Shares = [new ShareConfiguration("conf"), new ShareConfiguration(Limited) { MaxUses = 1 }],
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await host.DisposeAsync();

    private async Task<TestClient> LoggedOnAsync(Dialect dialect, GlobalCapabilities negotiateCapabilities = GlobalCapabilities.Encryption | GlobalCapabilities.LargeMtu,
        GlobalCapabilities setupCapabilities = GlobalCapabilities.None, Guid? clientGuid = null)
    {
        var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([dialect], capabilities: negotiateCapabilities, clientGuid: clientGuid);
        var reply = await client.SessionSetupAsync("tester", "Passw0rd!", capabilities: setupCapabilities);
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.Success), NtStatus.Describe(reply.Header.Status));
        return client;
    }

    [Test]
    public async Task A_202_connection_keeps_the_64_KiB_it_announces_for_reads_and_writes()
    {
        await using var client = await LoggedOnAsync(Dialect.Smb202);
        Assert.That(client.Negotiated!.MaxReadSize, Is.EqualTo(65536u));
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var (_, fileId) = await client.CreateAsync(treeId, "sizes-202.txt");
        Assert.That((await client.SendAsync(new ReadRequest { FileId = fileId, Length = 65536 }, treeId)).Header.Status, Is.Not.EqualTo(NtStatus.InvalidParameter));
        Assert.That((await client.SendAsync(new ReadRequest { FileId = fileId, Length = 65537 }, treeId)).Header.Status, Is.EqualTo(NtStatus.InvalidParameter));
        Assert.That((await client.SendAsync(new WriteRequest { FileId = fileId, Data = new byte[65537] }, treeId)).Header.Status, Is.EqualTo(NtStatus.InvalidParameter));
    }

    [Test]
    public async Task A_failed_reauthentication_removes_the_session_and_closes_its_opens()
    {
        await using var holder = await LoggedOnAsync(Dialect.Smb311);
        var (_, treeId, _) = await holder.TreeConnectAsync("conf");
        var (created, _) = await holder.CreateAsync(treeId, "held-by-failed-session.txt", CreateDisposition.FileOverwriteIf, ShareAccess.None);
        Assert.That(created.Header.Status, Is.EqualTo(NtStatus.Success));
        var sessionId = holder.SessionId;

        var failed = await holder.SessionSetupAsync("tester", "wrong");

        Assert.That(failed.Header.Status, Is.EqualTo(NtStatus.LogonFailure));
        Assert.That(host.Server.GlobalSessionTable.ContainsKey(sessionId), Is.False);
        await using var other = await LoggedOnAsync(Dialect.Smb311);
        var (_, otherTree, _) = await other.TreeConnectAsync("conf");
        var (opened, _) = await other.CreateAsync(otherTree, "held-by-failed-session.txt", CreateDisposition.FileOpen, ShareAccess.None);
        Assert.That(opened.Header.Status, Is.EqualTo(NtStatus.Success), "the failed session's exclusive open was closed");
    }

    [Test]
    public async Task Session_setup_capabilities_fill_a_connection_whose_negotiate_had_none()
    {
        var clientGuid = Guid.NewGuid();
        await using var client = await LoggedOnAsync(Dialect.Smb302, GlobalCapabilities.None, GlobalCapabilities.Dfs, clientGuid);
        var connection = host.Server.ConnectionList.Keys.Single(candidate => candidate.ClientGuid == clientGuid);
        Assert.That(connection.ClientCapabilities, Is.EqualTo(GlobalCapabilities.Dfs));
    }

    [Test]
    public async Task A_share_at_its_max_uses_refuses_another_tree_connect_until_a_use_ends()
    {
        await using var first = await LoggedOnAsync(Dialect.Smb311);
        await using var second = await LoggedOnAsync(Dialect.Smb311);
        Assert.That((await first.TreeConnectAsync(Limited)).Reply.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That((await second.TreeConnectAsync(Limited)).Reply.Header.Status, Is.EqualTo(NtStatus.RequestNotAccepted));
        Assert.That((await first.SendAsync(new LogoffRequest())).Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That((await second.TreeConnectAsync(Limited)).Reply.Header.Status, Is.EqualTo(NtStatus.Success));
    }

    [Test]
    public async Task An_ioctl_on_an_open_with_a_stale_channel_sequence_is_file_not_available()
    {
        await using var client = await LoggedOnAsync(Dialect.Smb311);
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var (_, fileId) = await client.CreateAsync(treeId, "channel-sequence-ioctl.txt");
        // Unsigned from here (the session does not require signing), so the ChannelSequence can be set after encoding.
        client.Sign = false;
        static Action<byte[]> Sequence(ushort value) => bytes => bytes.AsSpan().U16(8, value);
        var write = await client.SendAsync(new WriteRequest { FileId = fileId, Data = new byte[4] }, treeId, tamper: Sequence(5));
        Assert.That(write.Header.Status, Is.EqualTo(NtStatus.Success));
        var ioctl = new IoctlRequest { CtlCode = FsctlCode.SrvRequestResumeKey, FileId = fileId, Flags = IoctlFlags.IsFsctl, MaxOutputResponse = 32 };
        Assert.That((await client.SendAsync(ioctl, treeId, tamper: Sequence(4))).Header.Status, Is.EqualTo(NtStatus.FileNotAvailable));
        Assert.That((await client.SendAsync(ioctl, treeId, tamper: Sequence(5))).Header.Status, Is.Not.EqualTo(NtStatus.FileNotAvailable));
        var closedFile = new IoctlRequest { CtlCode = FsctlCode.SrvRequestResumeKey, FileId = new FileId(0x7E57, 0x7E57), Flags = IoctlFlags.IsFsctl, MaxOutputResponse = 32 };
        Assert.That((await client.SendAsync(closedFile, treeId, tamper: Sequence(5))).Header.Status, Is.EqualTo(NtStatus.FileClosed));
    }

    [Test]
    public async Task A_disabled_server_accepts_no_connection()
    {
        await using var disabled = await ReferenceServerHost.StartAsync(new ServerConfiguration { Enabled = false });
        await using var transport = await DirectTcpTransport.ConnectAsync("127.0.0.1", disabled.Port);
        try
        {
            await transport.SendAsync(Smb2Message.For(new NegotiateRequest { Dialects = [Dialect.Smb311] }).Encode());
        }
        catch (TransportException)
        {
            // Closed before the request went out: no connection was accepted.
        }
        Assert.ThrowsAsync<TransportException>(async () => await transport.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.That(disabled.Server.ConnectionList, Is.Empty);
    }
}
