namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 SERVER_TO_CLIENT_NOTIFICATION (current MS-SMB2 2.2.44.1): a one-way message of a 3.1.1
/// server to a client that announced SMB2_GLOBAL_CAP_NOTIFICATIONS. StructureSize, Reserved,
/// NotificationType, then the Notification structure of that type (no length field: its type
/// gives its size).
/// </summary>
public sealed class ServerToClientNotification : IMessageBody<ServerToClientNotification>
{
    private const string Name = "SERVER_TO_CLIENT_NOTIFICATION";
    private const string Clause = "2.2.44.1";

    /// <summary>StructureSize, Reserved and NotificationType.</summary>
    public const int FixedLength = 8;

    public Smb2Command Command => Smb2Command.ServerToClientNotification;

    /// <summary>
    /// Null writes the size of the whole structure, Notification included (12 with SESSION_CLOSED),
    /// as 2.2.44.1 defines it. The spec names no constant, and its example (4.11) prints 0x12, so
    /// the reader keeps whatever value came.
    /// </summary>
    public ushort? StructureSize { get; set; }

    public ushort Reserved { get; set; }
    public NotificationType NotificationType { get; set; } = NotificationType.SmbNotifySessionClosed;

    /// <summary>The Notification structure as bytes; by default an SMB2_NOTIFY_SESSION_CLOSED.</summary>
    public ReadOnlyMemory<byte> Notification { get; set; } = new NotifySessionClosed().ToArray();

    public int Size => FixedLength + Notification.Length;

    /// <summary>The SESSION_CLOSED notification of 2.2.44.2 with every reserved field zero.</summary>
    public static ServerToClientNotification SessionClosed() => new();

    /// <summary>The Notification read as SMB2_NOTIFY_SESSION_CLOSED, when NotificationType says it is one.</summary>
    public DecodeResult<NotifySessionClosed> ReadSessionClosed() =>
        NotificationType == NotificationType.SmbNotifySessionClosed
            ? NotifySessionClosed.Read(Notification.Span, Smb2Header.Size + FixedLength)
            : new DecodeError(Name, "NotificationType", Clause, $"0x{(uint)NotificationType:X8} is not SmbNotifySessionClosed", Smb2Header.Size + 4);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize ?? (ushort)Size);
        destination.U16(2, Reserved);
        destination.U32(4, (uint)NotificationType);
        Notification.Span.CopyTo(destination[FixedLength..]);
    }

    public static DecodeResult<ServerToClientNotification> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        if (span.Length < Smb2Header.Size + FixedLength)
        {
            return new DecodeError(Name, "(fixed part)", Clause,
                $"body is {Math.Max(0, span.Length - Smb2Header.Size)} bytes, shorter than its {FixedLength}-byte fixed part", Smb2Header.Size);
        }
        const int body = Smb2Header.Size;
        var type = (NotificationType)span.U32(body + 4);
        var rest = message[(body + FixedLength)..];
        ReadOnlyMemory<byte> notification;
        if (type == NotificationType.SmbNotifySessionClosed)
        {
            var closed = NotifySessionClosed.Read(rest.Span, body + FixedLength);
            if (!closed.IsSuccess)
            {
                return new DecodeError(Name, "Notification", "2.2.44.2", closed.Error.Problem, body + FixedLength);
            }
            notification = rest[..NotifySessionClosed.Size];
        }
        else
        {
            // A type this codec does not know: its structure is whatever follows the fixed part.
            notification = rest;
        }
        return new ServerToClientNotification
        {
            StructureSize = span.U16(body),
            Reserved = span.U16(body + 2),
            NotificationType = type,
            Notification = notification,
        };
    }

    public override string ToString() => $"SERVER_TO_CLIENT_NOTIFICATION {NotificationType}";
}
