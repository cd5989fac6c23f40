namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB_NOTIFICATION_ID, the NotificationType of SMB2_SERVER_TO_CLIENT_NOTIFICATION (current MS-SMB2 2.2.44.1).</summary>
public enum NotificationType : uint
{
    /// <summary>The Notification is an SMB2_NOTIFY_SESSION_CLOSED (2.2.44.2).</summary>
    SmbNotifySessionClosed = 0x00000000,
}
