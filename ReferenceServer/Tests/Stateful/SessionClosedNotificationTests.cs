using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Stateful;

/// <summary>A LOGOFF on one channel of a 3.1.1 session that supports notifications: the other channel gets SMB_NOTIFY_SESSION_CLOSED (2.2.44.2).</summary>
[TestFixture]
public sealed class SessionClosedNotificationTests
{
    private const GlobalCapabilities WithNotifications = GlobalCapabilities.Encryption | GlobalCapabilities.LargeMtu | GlobalCapabilities.MultiChannel | GlobalCapabilities.Notifications;

    [TestCase(true)]
    [TestCase(false)]
    public async Task The_other_channel_is_told_when_a_logoff_ends_the_session(bool notifications)
    {
        await using var server = await ReferenceServerFixture.StartAsync();
        var negotiate = new NegotiateOptions { Dialects = [Dialect.Smb311], Capabilities = notifications ? WithNotifications : WithNotifications & ~GlobalCapabilities.Notifications };
        var credential = new NtlmCredential(null, ServerConfiguration.DefaultUser, ServerConfiguration.DefaultPassword);
        await using var first = await Smb2ClientFactory.ConnectAsync("127.0.0.1", server.Host.Port, credential, new Smb2ClientOptions { Negotiate = negotiate });
        await using var second = await first.Client.ConnectAsync("127.0.0.1", server.Host.Port);
        Assert.That((await second.NegotiateAsync(negotiate)).Status, Is.EqualTo(NtStatus.Success));
        Assert.That((await second.SessionSetupAsync(credential, new SessionSetupOptions { BindTo = first.Session })).Status, Is.EqualTo(NtStatus.Success));
        Assert.That((await first.Connection.LogoffAsync(first.Session)).Status, Is.EqualTo(NtStatus.Success));
        if (notifications)
        {
            var (notification, body) = await second.WaitForNotificationAsync(ReferenceServerFixture.Wait);
            Assert.That(notification.Header.SessionId, Is.EqualTo(first.Session.SessionId));
            Assert.That(notification.Header.MessageId, Is.EqualTo(ulong.MaxValue));
            Assert.That(body.Value!.NotificationType, Is.EqualTo(NotificationType.SmbNotifySessionClosed));
        }
        else
        {
            await second.EchoAsync();
            Assert.That(second.PendingNotificationCount, Is.Zero, "no notification for a session that does not support them");
        }
    }
}
