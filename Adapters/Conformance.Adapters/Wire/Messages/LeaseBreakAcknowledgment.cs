namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 Lease Break Acknowledgment (2.2.24.2), sent by the client; not valid for 2.0.2.</summary>
public sealed class LeaseBreakAcknowledgment : LeaseBreakStructure, IMessageBody<LeaseBreakAcknowledgment>
{
    public override OplockBreakForm Form => OplockBreakForm.LeaseBreakAcknowledgment;

    public static DecodeResult<LeaseBreakAcknowledgment> Read(ReadOnlyMemory<byte> message) =>
        ReadInto(message.Span, "Lease Break Acknowledgment", "2.2.24.2", new LeaseBreakAcknowledgment());
}
