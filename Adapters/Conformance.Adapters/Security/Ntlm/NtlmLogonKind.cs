namespace Conformance.Adapters.Security.Ntlm;

/// <summary>Who an accepted AUTHENTICATE_MESSAGE logged on as.</summary>
public enum NtlmLogonKind
{
    None,
    User,
    Anonymous,
    Guest,
}
