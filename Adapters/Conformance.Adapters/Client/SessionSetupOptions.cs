using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>How <see cref="Connection.SessionSetupAsync"/> authenticates (3.2.4.2.3).</summary>
public sealed record SessionSetupOptions
{
    /// <summary>SIGNING_ENABLED; SIGNING_REQUIRED makes Session.SigningRequired true whatever the server says.</summary>
    public SecurityMode SecurityMode { get; init; } = SecurityMode.SigningEnabled;

    /// <summary>Null: DFS (the only capability 2.2.5 gives meaning to).</summary>
    public GlobalCapabilities? Capabilities { get; init; }

    public ulong PreviousSessionId { get; init; }

    /// <summary>Wrap NTLM in SPNEGO (MS-SPNG). False sends raw NTLMSSP tokens.</summary>
    public bool UseSpnego { get; init; } = true;

    /// <summary>The NTLM client to use (to change its flags, version, workstation...); null: a default one for the credential.</summary>
    public NtlmClient? Ntlm { get; init; }

    /// <summary>Reauthenticate this session of the connection (3.2.4.2.3 with Session.SessionId).</summary>
    public Session? Reauthenticate { get; init; }

    /// <summary>
    /// Bind this connection as a new channel of an existing session of another connection (SMB 3.x,
    /// SMB2_SESSION_FLAG_BINDING): the requests carry its SessionId and are signed with its
    /// Session.SigningKey; success adds a Channel whose SigningKey comes from this authentication (3.2.5.3.3).
    /// </summary>
    public Session? BindTo { get; init; }

    /// <summary>Most round trips before giving up. Default 4.</summary>
    public int MaxLegs { get; init; } = 4;
}
