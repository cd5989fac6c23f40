namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2_NOTIFY_SESSION_CLOSED (current MS-SMB2 2.2.44.2): the Notification of a
/// SERVER_TO_CLIENT_NOTIFICATION whose NotificationType is SmbNotifySessionClosed; one reserved field.
/// </summary>
public sealed class NotifySessionClosed
{
    public const int Size = 4;

    /// <summary>The server sets 0; the client ignores it.</summary>
    public uint Reserved { get; set; }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        bytes.AsSpan().U32(0, Reserved);
        return bytes;
    }

    /// <summary>Reads the structure from a Notification field; <paramref name="offset"/> is where that field stands in the message, for the error.</summary>
    public static DecodeResult<NotifySessionClosed> Read(ReadOnlySpan<byte> notification, int offset = -1)
    {
        if (notification.Length < Size)
        {
            return new DecodeError("SMB2_NOTIFY_SESSION_CLOSED", "Reserved", "2.2.44.2",
                $"the Notification holds {notification.Length} bytes, fewer than the structure's {Size}", offset);
        }
        return new NotifySessionClosed { Reserved = notification.U32(0) };
    }

    public override string ToString() => "SMB2_NOTIFY_SESSION_CLOSED";
}
