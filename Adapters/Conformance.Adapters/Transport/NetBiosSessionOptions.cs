namespace Conformance.Adapters.Transport;

/// <summary>
/// SMB2 over the NetBIOS session service (MS-SMB2 2.1, RFC 1002): a connect first sends a SESSION
/// REQUEST naming <see cref="CalledName"/> and <see cref="CallingName"/> and needs a POSITIVE SESSION
/// RESPONSE; every message then travels as a SESSION MESSAGE, and SESSION KEEP ALIVE packets the peer
/// sends in between are discarded. On a listener, <see cref="CalledName"/> is the name it answers to.
/// </summary>
/// <param name="CalledName">The server's NetBIOS name (at most 15 characters), or <see cref="AnyServerName"/>.</param>
/// <param name="CallingName">This side's NetBIOS name.</param>
public sealed record NetBiosSessionOptions(string CalledName, string CallingName = NetBiosSessionOptions.DefaultCallingName)
{
    /// <summary>The called name a client uses when it knows the server only by address; SMB servers answer to it.</summary>
    public const string AnyServerName = "*SMBSERVER";

    public const string DefaultCallingName = "CONFORMANCE";

    /// <summary>How long a connect waits for the session response, or a listener for the session request.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
