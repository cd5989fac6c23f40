using System.Threading.Channels;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>
/// SMB2 SERVER_TO_CLIENT_NOTIFICATION (current MS-SMB2 2.2.44): one-way messages a 3.1.1 server may
/// send once the client announced SMB2_GLOBAL_CAP_NOTIFICATIONS. They answer no request and grant no
/// credit; the receive loop queues them, apart from the OPLOCK_BREAK queue, for a scenario to await.
/// </summary>
public sealed partial class Connection
{
    private readonly Channel<Smb2Response> notifications = System.Threading.Channels.Channel.CreateUnbounded<Smb2Response>();

    /// <summary>SERVER_TO_CLIENT_NOTIFICATION messages not yet taken by <see cref="WaitForNotificationAsync"/>.</summary>
    public int PendingNotificationCount => notifications.Reader.Count;

    /// <summary>
    /// The next SERVER_TO_CLIENT_NOTIFICATION, with its body read (2.2.44.1), waiting at most
    /// <paramref name="timeout"/>. Its MessageId is 0xFFFFFFFFFFFFFFFF in the example of 4.11, but
    /// 4.11.1 warns it may be any value, so the command alone routes it here.
    /// </summary>
    public async Task<(Smb2Response Response, DecodeResult<ServerToClientNotification> Body)> WaitForNotificationAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Smb2Response response;
        try
        {
            response = await ReadAsync(notifications.Reader, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw Error(ClientErrorKind.NotificationTimeout, $"waited {PendingRequest.Describe(timeout)} for a SERVER_TO_CLIENT_NOTIFICATION from {Transport.RemoteEndPoint}, none came");
        }
        return (response, ServerToClientNotification.Read(response.Bytes));
    }

    /// <summary>Queues a notification; a signed one (4.11.1: notifications MAY be signed) gets its signature checked.</summary>
    private void DeliverNotification(Smb2Response response)
    {
        if (!response.WasEncrypted && response.Header.IsSigned)
        {
            response.Signature = VerifySignature(response);
        }
        notifications.Writer.TryWrite(response);
    }
}
