namespace Conformance.Adapters.Client;

/// <summary>What the client found when it checked a received message's signature (3.2.5.1.3). Recorded on the response, never a reason to drop it.</summary>
public enum SignatureVerdict
{
    /// <summary>Not signed, and nothing required it to be.</summary>
    NotSigned,

    /// <summary>SMB2_FLAGS_SIGNED set and the signature matches the key.</summary>
    Valid,

    /// <summary>SMB2_FLAGS_SIGNED set and the signature does not match the key: 3.2.5.1.3 says a client discards such a message.</summary>
    Invalid,

    /// <summary>Not signed although Session.SigningRequired is set and it is neither an interim response nor an OPLOCK_BREAK notification: 3.2.5.1.3 says discard.</summary>
    MissingButRequired,

    /// <summary>Signed, but no key to check it with: the session is not in Connection.SessionTable (yet), or its keys are not derived.</summary>
    NoKey,

    /// <summary>Not checked: the message came encrypted (its transform header authenticated it) or is an unsigned OPLOCK_BREAK notification (MessageId 0xFFFFFFFFFFFFFFFF; a signed one is checked).</summary>
    NotApplicable,
}
