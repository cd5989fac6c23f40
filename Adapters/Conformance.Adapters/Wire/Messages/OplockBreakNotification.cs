namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 Oplock Break Notification (2.2.23.1), sent by the server, MessageId 0xFFFFFFFFFFFFFFFF (3.3.4.6).</summary>
public sealed class OplockBreakNotification : OplockBreakStructure, IMessageBody<OplockBreakNotification>
{
    public override OplockBreakForm Form => OplockBreakForm.OplockBreakNotification;

    public static DecodeResult<OplockBreakNotification> Read(ReadOnlyMemory<byte> message) =>
        ReadInto(message.Span, "Oplock Break Notification", "2.2.23.1", new OplockBreakNotification());
}
