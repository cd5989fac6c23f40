namespace Conformance.Scenarios;

/// <summary>
/// A server-wide setting that some scenarios need and most targets do not run with. Such a scenario
/// runs against a target set up that way (the built-in reference server starts one) or ends
/// Inconclusive, naming the setting. A scenario names its profile in <see cref="ScenarioAttribute.Profile"/>.
/// </summary>
public enum ServerProfile
{
    /// <summary>Any target will do.</summary>
    None,

    /// <summary>EncryptData and RejectUnencryptedAccess are TRUE (3.3.1.5): every session must encrypt.</summary>
    EncryptsEverySession,

    /// <summary>RequireMessageSigning is TRUE (3.3.1.5): every user session must sign.</summary>
    RequiresSigning,

    /// <summary>Sessions expire a known, short time after they authenticate (Session.ExpirationTime, 3.3.5.5.3 step 14).</summary>
    ExpiringSessions,

    /// <summary>The oplock break acknowledgment timer (3.3.2.1) is known and short enough to wait out within a scenario's bound.</summary>
    ShortOplockBreakTimeout,

    /// <summary>The server implements the 2.0.2 dialect only: neither 2.1 nor any 3.x (3.3.5.3.1 sends such a server to 3.3.5.3.2).</summary>
    Smb2002Only,

    /// <summary>ServerEnabled is FALSE (3.3.1.5, 3.3.4.23) while its address can still be reached: it accepts no connection (3.3.5.1).</summary>
    Disabled,

    /// <summary>A disconnected durable open is kept a known, short time (the durable open scavenger, 3.3.2.2; a DH2Q asking that Timeout gets it).</summary>
    ShortDurableTimeout,

    /// <summary>IsLeasingSupported is FALSE (3.3.1.5): no SMB2_GLOBAL_CAP_LEASING at 2.1 or 3.x, lease contexts ignored (3.3.5.9.8, 3.3.5.9.11).</summary>
    NoLeasing,

    /// <summary>The target is reached over the NetBIOS session service (MS-SMB2 2.1, RFC 1002), not Direct TCP.</summary>
    NetBiosSessionService,
}
