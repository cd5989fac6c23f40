using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>
/// A WRITE Request sent alone, neither signed nor encrypted, with at least <see cref="MinimumData"/>
/// bytes of data in the natural layout of 2.2.21 (data at 0x70, nothing after it, no overrides or
/// patches): it goes on the wire as its header and fixed part followed by the caller's data from
/// where it is, rather than copied into one packet first. The bytes on the wire are the same.
/// </summary>
internal static class BulkWrite
{
    public const int MinimumData = 64 * 1024;

    /// <summary>The header and fixed part of <paramref name="message"/>, or null when it does not qualify.</summary>
    public static byte[]? Head(Smb2Message message, out ReadOnlyMemory<byte> data)
    {
        data = default;
        if (message.Body is not WriteRequest { DataOffset: null, Length: null, WriteChannelInfoOffset: null, WriteChannelInfoLength: null } write
            || !write.WriteChannelInfo.IsEmpty || write.Data.Length < MinimumData
            || message.Padding is not null || message.NextCommand is not null || message.Patches.Count > 0)
        {
            return null;
        }
        var head = new byte[WriteRequest.BufferOffset];
        message.Header.WriteTo(head);
        head.AsSpan().U32(20, 0);
        write.WriteFixedPartTo(head.AsSpan(Smb2Header.Size));
        data = write.Data;
        return head;
    }
}
