using Conformance.Adapters.Wire;

namespace Conformance.ReferenceServer.Adm;

/// <summary>
/// How a message the server starts itself leaves on a connection: an oplock or lease break
/// notification (3.3.4.6, 3.3.4.7) or a SERVER_TO_CLIENT_NOTIFICATION. Sends on one connection are
/// serialised with its responses.
/// </summary>
public interface IServerInitiatedSender
{
    /// <summary>
    /// Sends <paramref name="message"/> as it is (unsigned), encrypted with <paramref name="encryptFor"/>'s
    /// key when given and the connection negotiated a cipher. False, never an exception, when the
    /// connection is gone or going.
    /// </summary>
    Task<bool> SendAsync(Smb2Message message, Session? encryptFor, CancellationToken cancellationToken = default);
}
