namespace Conformance.Adapters.Client;

/// <summary>Whether the connection wraps one outgoing send in a TRANSFORM_HEADER (3.2.4.1.8).</summary>
public enum RequestEncryption
{
    /// <summary>Encrypt when 3.2.4.1.8 says so: Session.EncryptData, or TreeConnect.EncryptData outside NEGOTIATE/SESSION_SETUP/TREE_CONNECT.</summary>
    Auto,

    /// <summary>Encrypt with the session's EncryptionKey whatever the session and tree require.</summary>
    Encrypt,

    /// <summary>Send in clear text, even on a session or tree that requires encryption.</summary>
    DoNotEncrypt,
}
