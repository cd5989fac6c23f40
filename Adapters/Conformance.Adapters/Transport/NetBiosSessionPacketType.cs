namespace Conformance.Adapters.Transport;

/// <summary>The TYPE byte of a NetBIOS session service packet (RFC 1002 4.3.1), the first byte of its 4-byte header.</summary>
public enum NetBiosSessionPacketType : byte
{
    /// <summary>Carries one SMB2 message (or compound); the same four header bytes as a Direct TCP frame.</summary>
    SessionMessage = 0x00,
    SessionRequest = 0x81,
    PositiveSessionResponse = 0x82,
    NegativeSessionResponse = 0x83,
    RetargetSessionResponse = 0x84,

    /// <summary>An empty packet either side may send at any time; the receiver discards it.</summary>
    SessionKeepAlive = 0x85,
}
