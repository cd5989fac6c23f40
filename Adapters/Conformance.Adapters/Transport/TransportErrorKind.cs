namespace Conformance.Adapters.Transport;

/// <summary>Why a transport operation failed; each kind names a distinct way a peer or the network can misbehave.</summary>
public enum TransportErrorKind
{
    /// <summary>No TCP connection could be established within the connect timeout and retry bound.</summary>
    ConnectFailed,

    /// <summary>A frame was awaited for the whole receive timeout and none came; the connection stays usable.</summary>
    ReceiveTimeout,

    /// <summary>The peer did not take a frame within the send timeout; the connection is closed afterwards.</summary>
    SendTimeout,

    /// <summary>The peer closed the connection at a frame boundary.</summary>
    PeerClosed,

    /// <summary>The peer closed the connection inside a Direct TCP header or inside the message it announced.</summary>
    TruncatedFrame,

    /// <summary>A Direct TCP header announced more bytes than <see cref="TransportOptions.MaxMessageSize"/>; nothing was allocated.</summary>
    OversizeFrame,

    /// <summary>The Zero byte of a Direct TCP header (MS-SMB2 2.1) was not 0x00.</summary>
    InvalidHeader,

    /// <summary>The connection failed with a socket error (reset, aborted).</summary>
    ConnectionFailed,

    /// <summary>The NetBIOS session service refused the session (a NEGATIVE or RETARGET SESSION RESPONSE, RFC 1002 4.3.4/4.3.5) or answered the request with anything but a POSITIVE SESSION RESPONSE.</summary>
    SessionRefused,

    /// <summary>This side closed the transport.</summary>
    ClosedLocally,
}
