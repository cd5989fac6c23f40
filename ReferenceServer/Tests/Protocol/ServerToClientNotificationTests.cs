using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Protocol;

/// <summary>
/// SMB2_GLOBAL_CAP_NOTIFICATIONS (current MS-SMB2): granted at 3.1.1 only, when the server supports
/// one-way notifications and the client asked (3.3.5.4); the session remembers its connection's answer
/// (3.3.5.5.3) and a channel with a different one cannot be bound (3.3.5.5 step 4).
/// </summary>
[TestFixture]
public sealed class ServerToClientNotificationTests
{
    private const GlobalCapabilities WithNotifications = GlobalCapabilities.Encryption | GlobalCapabilities.LargeMtu | GlobalCapabilities.MultiChannel | GlobalCapabilities.Notifications;
    private const GlobalCapabilities WithoutNotifications = WithNotifications & ~GlobalCapabilities.Notifications;

    private ReferenceServerHost host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => host = await ReferenceServerHost.StartAsync(new ServerConfiguration());

    [OneTimeTearDown]
    public async Task StopAsync() => await host.DisposeAsync();

    [TestCase(Dialect.Smb311, WithNotifications, true)]
    [TestCase(Dialect.Smb311, WithoutNotifications, false)]
    [TestCase(Dialect.Smb302, WithNotifications, false)]
    [TestCase(Dialect.Smb300, WithNotifications, false)]
    public async Task The_capability_is_granted_at_311_to_a_client_that_asks(Dialect dialect, GlobalCapabilities asked, bool granted)
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        var response = await client.NegotiateAsync([dialect], capabilities: asked);
        Assert.That((response.Capabilities & GlobalCapabilities.Notifications) != 0, Is.EqualTo(granted));
    }

    [Test]
    public async Task A_server_without_notifications_never_grants_the_capability()
    {
        await using var quiet = await ReferenceServerHost.StartAsync(new ServerConfiguration { ServerToClientNotifications = false });
        await using var client = await TestClient.ConnectAsync(quiet.Port);
        var response = await client.NegotiateAsync([Dialect.Smb311], capabilities: WithNotifications);
        Assert.That(response.Capabilities & GlobalCapabilities.Notifications, Is.EqualTo(GlobalCapabilities.None));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task The_session_takes_its_connections_answer(bool asks)
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb311], capabilities: asks ? WithNotifications : WithoutNotifications);
        var reply = await client.SessionSetupAsync("tester", "Passw0rd!");
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.Success), NtStatus.Describe(reply.Header.Status));
        Assert.That(host.Server.GlobalSessionTable[client.SessionId].SupportsNotifications, Is.EqualTo(asks));
    }

    [TestCase(true, false)]
    [TestCase(false, true)]
    public async Task Binding_from_a_connection_with_the_other_answer_is_invalid_parameter(bool first, bool second)
    {
        var (reply, channels, supportsNotifications) = await BindAsync(first, second);
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.InvalidParameter), NtStatus.Describe(reply.Header.Status));
        // The failed binding leaves the session as it was: one channel, nothing pending.
        Assert.That(channels, Is.EqualTo(1));
        Assert.That(supportsNotifications, Is.EqualTo(first));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Binding_from_a_connection_with_the_same_answer_goes_on_to_authenticate(bool both)
    {
        var (reply, _, _) = await BindAsync(both, both);
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.MoreProcessingRequired), NtStatus.Describe(reply.Header.Status));
    }

    /// <summary>The binding's reply, and the session's channel count and SupportsNotifications read while its connection is still open.</summary>
    private async Task<(Reply Reply, int Channels, bool SupportsNotifications)> BindAsync(bool first, bool second)
    {
        var clientGuid = Guid.NewGuid();
        await using var owner = await TestClient.ConnectAsync(host.Port);
        await owner.NegotiateAsync([Dialect.Smb311], capabilities: first ? WithNotifications : WithoutNotifications, clientGuid: clientGuid);
        var logon = await owner.SessionSetupAsync("tester", "Passw0rd!");
        Assert.That(logon.Header.Status, Is.EqualTo(NtStatus.Success), NtStatus.Describe(logon.Header.Status));
        await using var channel = await TestClient.ConnectAsync(host.Port);
        await channel.NegotiateAsync([Dialect.Smb311], capabilities: second ? WithNotifications : WithoutNotifications, clientGuid: clientGuid);
        var reply = await channel.BindFirstLegAsync(owner);
        var session = host.Server.GlobalSessionTable[owner.SessionId];
        int channels;
        lock (session.ChannelList)
        {
            channels = session.ChannelList.Count;
        }
        return (reply, channels, session.SupportsNotifications);
    }
}
