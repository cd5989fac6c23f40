namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the Lease Break Notification (2.2.23.2).</summary>
[Flags]
public enum LeaseBreakNotificationFlags : uint
{
    None = 0,
    AckRequired = 0x01,
}
