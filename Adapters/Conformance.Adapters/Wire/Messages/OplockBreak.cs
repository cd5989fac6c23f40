namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// Reads a message of command OPLOCK_BREAK as whichever of its six forms it is. StructureSize
/// tells oplock (24) from lease (44 notification, 36 acknowledgment or response); the header's
/// SERVER_TO_REDIR flag tells a client's acknowledgment from the server's messages, and a
/// MessageId of 0xFFFFFFFFFFFFFFFF marks a server's notification rather than a response (3.2.5.19).
/// </summary>
public static class OplockBreak
{
    public const ulong NotificationMessageId = ulong.MaxValue;
    private const string Clause = "2.2.23";

    public static DecodeResult<IOplockBreakBody> Read(ReadOnlyMemory<byte> message)
    {
        var header = Smb2Header.Read(message.Span);
        if (!header.IsSuccess)
        {
            return header.Error;
        }
        if (message.Length < Smb2Header.Size + 2)
        {
            return new DecodeError("OPLOCK_BREAK", "StructureSize", Clause, $"message ends at {message.Length} bytes, before the body's StructureSize");
        }
        var structureSize = message.Span.U16(Smb2Header.Size);
        var fromServer = header.Value.IsResponse;
        return structureSize switch
        {
            OplockBreakStructure.DefaultStructureSize when !fromServer => Widen(OplockBreakAcknowledgment.Read(message)),
            OplockBreakStructure.DefaultStructureSize when header.Value.MessageId == NotificationMessageId => Widen(OplockBreakNotification.Read(message)),
            OplockBreakStructure.DefaultStructureSize => Widen(OplockBreakResponse.Read(message)),
            LeaseBreakNotification.DefaultStructureSize => Widen(LeaseBreakNotification.Read(message)),
            LeaseBreakStructure.DefaultStructureSize when !fromServer => Widen(LeaseBreakAcknowledgment.Read(message)),
            LeaseBreakStructure.DefaultStructureSize => Widen(LeaseBreakResponse.Read(message)),
            _ => new DecodeError("OPLOCK_BREAK", "StructureSize", Clause, $"{structureSize} is none of 24 (oplock break), 44 (lease break notification), 36 (lease break acknowledgment or response)", Smb2Header.Size),
        };
    }

    private static DecodeResult<IOplockBreakBody> Widen<T>(DecodeResult<T> result) where T : class, IOplockBreakBody =>
        result.IsSuccess ? result.Value : result.Error;
}
