using Conformance.Adapters.Security.Ntlm;

namespace Conformance.ReferenceServer.Adm;

/// <summary>The state of one GSS authentication across SESSION_SETUP legs: a session's own (3.3.1.8 SecurityContext) or a binding's.</summary>
public sealed class GssExchange
{
    /// <summary>The NTLM acceptor of this authentication.</summary>
    public NtlmServer? SecurityContext { get; set; }

    /// <summary>Whether the client's first SESSION_SETUP token was SPNEGO-wrapped (answers are then NegTokenResp).</summary>
    public bool UsesSpnego { get; set; }

    /// <summary>The DER MechTypeList the client's NegTokenInit carried, which SPNEGO's mechListMIC covers.</summary>
    public byte[]? MechTypeList { get; set; }
}
