namespace Conformance.Adapters.Client;

/// <summary>Why a client operation failed (not an error status from the server: those come back as responses).</summary>
public enum ClientErrorKind
{
    /// <summary>No (final) response came within the timeout.</summary>
    ResponseTimeout,

    /// <summary>No interim (STATUS_PENDING) response came within the timeout.</summary>
    InterimTimeout,

    /// <summary>No server notification (OPLOCK_BREAK) that the wait accepts came within the timeout.</summary>
    BreakTimeout,

    /// <summary>No SERVER_TO_CLIENT_NOTIFICATION came within the timeout.</summary>
    NotificationTimeout,

    /// <summary>No unclaimed frame came within the timeout.</summary>
    RawReceiveTimeout,

    /// <summary>The SequenceWindow did not hold the MessageIds a request needs within the timeout (3.2.4.1.3).</summary>
    NoCredits,

    /// <summary>The connection died or was closed while the request was outstanding, or before it was sent.</summary>
    ConnectionLost,

    /// <summary>A response could not be read or did not fit the request (3.2.5.1.7, 3.2.5.1.8).</summary>
    InvalidResponse,

    /// <summary>A multi-step operation (negotiate, session setup) could not go on with what the server sent.</summary>
    ProtocolFailure,
}
