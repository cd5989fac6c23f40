namespace Conformance.Adapters.Wire.Messages;

/// <summary>The six messages that share command OPLOCK_BREAK (0x12), 2.2.23 to 2.2.25.</summary>
public enum OplockBreakForm
{
    OplockBreakNotification,
    OplockBreakAcknowledgment,
    OplockBreakResponse,
    LeaseBreakNotification,
    LeaseBreakAcknowledgment,
    LeaseBreakResponse,
}
