namespace Conformance.Adapters.Client;

/// <summary>How the connection treats the signature of one outgoing request.</summary>
public enum RequestSigning
{
    /// <summary>Sign when 3.2.4.1.1 says the client must (Session.SigningRequired, tree not encrypted), and never when the packet is encrypted.</summary>
    Auto,

    /// <summary>Sign with the session's key for this connection even where 3.2.4.1.1 does not require it.</summary>
    Sign,

    /// <summary>Send unsigned: SMB2_FLAGS_SIGNED clear, Signature zero.</summary>
    DoNotSign,

    /// <summary>Set SMB2_FLAGS_SIGNED and a signature that is wrong (the right one with its first byte inverted).</summary>
    FalsifySignature,
}
