using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>The outcome of <see cref="Connection.SessionSetupAsync"/>: the session (null unless the final status was STATUS_SUCCESS), the final response and every leg's.</summary>
public sealed record SessionSetupResult(
    Session? Session,
    Smb2Response<SessionSetupResponse> Response,
    IReadOnlyList<Smb2Response<SessionSetupResponse>> Legs,
    byte[]? CryptographicKey)
{
    public uint Status => Response.Status;

    public bool IsSuccess => Session is not null;

    /// <summary>The session, or a <see cref="Smb2ClientException"/> naming the final status.</summary>
    public Session RequireSession() =>
        Session ?? throw new Smb2ClientException(ClientErrorKind.ProtocolFailure,
            $"SESSION_SETUP failed after {Legs.Count} leg(s): {Wire.NtStatus.Describe(Status)}");
}
