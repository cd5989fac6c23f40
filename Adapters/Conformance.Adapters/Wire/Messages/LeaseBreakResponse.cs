namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 Lease Break Response (2.2.25.2), sent by the server; not valid for 2.0.2.</summary>
public sealed class LeaseBreakResponse : LeaseBreakStructure, IMessageBody<LeaseBreakResponse>
{
    public override OplockBreakForm Form => OplockBreakForm.LeaseBreakResponse;

    public static DecodeResult<LeaseBreakResponse> Read(ReadOnlyMemory<byte> message) =>
        ReadInto(message.Span, "Lease Break Response", "2.2.25.2", new LeaseBreakResponse());
}
