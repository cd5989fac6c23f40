using System.Buffers.Binary;

namespace Conformance.Adapters.Transport;

/// <summary>
/// The Direct TCP transport packet header (MS-SMB2 2.1): a Zero byte that MUST be 0x00, then the
/// 3-byte StreamProtocolLength of the SMB2Message in network byte order, header excluded.
/// </summary>
public static class DirectTcpHeader
{
    public const int Size = 4;

    /// <summary>Largest length the 24-bit StreamProtocolLength can carry.</summary>
    public const int MaxStreamProtocolLength = 0xFF_FFFF;

    public static void Write(Span<byte> destination, int streamProtocolLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(streamProtocolLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(streamProtocolLength, MaxStreamProtocolLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)streamProtocolLength);
    }

    /// <summary>The four header bytes read as one big-endian number: the announced length when the Zero byte is 0x00.</summary>
    public static uint Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32BigEndian(source);
}
