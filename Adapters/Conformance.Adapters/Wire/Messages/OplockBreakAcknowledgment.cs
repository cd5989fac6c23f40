namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 Oplock Break Acknowledgment (2.2.24.1), sent by the client.</summary>
public sealed class OplockBreakAcknowledgment : OplockBreakStructure, IMessageBody<OplockBreakAcknowledgment>
{
    public override OplockBreakForm Form => OplockBreakForm.OplockBreakAcknowledgment;

    public static DecodeResult<OplockBreakAcknowledgment> Read(ReadOnlyMemory<byte> message) =>
        ReadInto(message.Span, "Oplock Break Acknowledgment", "2.2.24.1", new OplockBreakAcknowledgment());
}
