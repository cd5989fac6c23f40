using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Sending;

/// <summary>Which key signs a response (3.3.4.1.1) and which session's key encrypts it (3.3.4.1.4).</summary>
internal static class ResponseProtection
{
    /// <summary>3.3.4.1.4: the session whose key encrypts the response, or null to send it in the clear.</summary>
    public static Session? EncryptionSession(Connection connection, OutgoingResponse response)
    {
        var session = response.Session;
        if (!connection.IsSmb3 || connection.EffectiveCipher is null || session?.EncryptionKey is not { Length: > 0 })
        {
            return null;
        }
        var command = response.Request.Command;
        if (response.RequestWasEncrypted)
        {
            return session;
        }
        // The final SESSION_SETUP response goes out signed, before the client has switched to encryption.
        if (session.EncryptData && command is not (Smb2Command.Negotiate or Smb2Command.SessionSetup))
        {
            return session;
        }
        if (response.Share?.EncryptData == true && command is not (Smb2Command.Negotiate or Smb2Command.SessionSetup or Smb2Command.TreeConnect))
        {
            return session;
        }
        return null;
    }

    /// <summary>3.3.4.1.1: the key that signs the response, or null to leave it unsigned.</summary>
    public static byte[]? SigningKey(Connection connection, OutgoingResponse response)
    {
        var session = response.Session;
        var request = response.Request;
        if (session is null || request.Command == Smb2Command.Negotiate)
        {
            return null;
        }
        var finalSessionSetup = request.Command == Smb2Command.SessionSetup && response.Status == NtStatus.Success;
        if (finalSessionSetup || request.IsSigned || (session.SigningRequired && session.State == SessionState.Valid))
        {
            return request.Command == Smb2Command.SessionSetup && response.Status != NtStatus.Success && connection.IsSmb3
                ? session.SigningKey
                : session.SigningKeyFor(connection);
        }
        return null;
    }
}
