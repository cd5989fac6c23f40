namespace Conformance.Adapters.Security.Ntlm;

/// <summary>The buffers of an AUTHENTICATE_MESSAGE's payload (MS-NLMP 2.2.1.3), whose order senders choose.</summary>
public enum AuthenticatePayloadField
{
    LmChallengeResponse,
    NtChallengeResponse,
    DomainName,
    UserName,
    Workstation,
    EncryptedRandomSessionKey,
}
