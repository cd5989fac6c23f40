namespace Conformance.Adapters.Transport;

/// <summary>The error code of a NEGATIVE SESSION RESPONSE (RFC 1002 4.3.4).</summary>
public enum NetBiosSessionError : byte
{
    NotListeningOnCalledName = 0x80,
    NotListeningForCallingName = 0x81,
    CalledNameNotPresent = 0x82,
    InsufficientResources = 0x83,
    UnspecifiedError = 0x8F,
}
