namespace Conformance.ReferenceServer.Teardown;

/// <summary>Why a session ends, which decides what becomes of its opens.</summary>
public enum TeardownReason
{
    /// <summary>SMB2 LOGOFF (3.3.5.6): durable and resilient opens are kept for a reconnect, the rest closed.</summary>
    Logoff,

    /// <summary>A new session named this one as its PreviousSessionId (3.3.5.5.3 step 12): handled as a connection loss (3.3.7.1).</summary>
    PreviousSessionId,

    /// <summary>The session's last connection went (3.3.7.1): opens kept only as 3.3.7.1 says.</summary>
    ConnectionLoss,

    /// <summary>A re-authentication of the session failed (3.3.5.5.3): the session goes with every open.</summary>
    AuthenticationFailed,
}
