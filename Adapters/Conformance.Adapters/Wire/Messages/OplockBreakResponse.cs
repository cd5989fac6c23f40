namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 Oplock Break Response (2.2.25.1), sent by the server in answer to an acknowledgment.</summary>
public sealed class OplockBreakResponse : OplockBreakStructure, IMessageBody<OplockBreakResponse>
{
    public override OplockBreakForm Form => OplockBreakForm.OplockBreakResponse;

    public static DecodeResult<OplockBreakResponse> Read(ReadOnlyMemory<byte> message) =>
        ReadInto(message.Span, "Oplock Break Response", "2.2.25.1", new OplockBreakResponse());
}
