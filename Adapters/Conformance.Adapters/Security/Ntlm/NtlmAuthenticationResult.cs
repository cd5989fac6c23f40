using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// The verdict of <see cref="NtlmServer"/> on an AUTHENTICATE_MESSAGE: the status an SMB2 server
/// returns (STATUS_SUCCESS, STATUS_LOGON_FAILURE, STATUS_INVALID_PARAMETER for an unreadable
/// message), why, and for a user logon the exported session key.
/// </summary>
public sealed record NtlmAuthenticationResult(uint Status, NtlmLogonKind Kind, string Reason)
{
    public byte[]? ExportedSessionKey { get; init; }
    public byte[]? SessionBaseKey { get; init; }
    public string UserName { get; init; } = "";
    public string DomainName { get; init; } = "";
    public NegotiateFlags NegotiateFlags { get; init; }

    /// <summary>Whether a MIC was present and verified.</summary>
    public bool MicVerified { get; init; }

    public bool IsSuccess => Status == NtStatus.Success;

    public static NtlmAuthenticationResult LogonFailure(string reason) => new(NtStatus.LogonFailure, NtlmLogonKind.None, reason);

    public override string ToString() => $"{NtStatus.Describe(Status)} {Kind}: {Reason}";
}
