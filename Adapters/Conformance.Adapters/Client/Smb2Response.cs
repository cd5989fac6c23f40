using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>
/// One message received from the server, as the receive loop found it: the header and bytes of its
/// slice of the packet (3.2.5.1.9), whether it came encrypted, and the signature verdict (3.2.5.1.3).
/// </summary>
public sealed class Smb2Response(MessageSlice slice, bool wasEncrypted, SignatureVerdict signature, DateTime receivedAt)
{
    public MessageSlice Slice { get; } = slice;

    public Smb2Header Header => Slice.Header;

    /// <summary>The message, header included, padding to the next message of a compound included.</summary>
    public ReadOnlyMemory<byte> Bytes => Slice.Bytes;

    public Smb2Command Command => Header.Command;

    public uint Status => Header.Status;

    public ulong MessageId => Header.MessageId;

    /// <summary>Inside a TRANSFORM_HEADER that decrypted and authenticated (3.2.5.1.1).</summary>
    public bool WasEncrypted { get; } = wasEncrypted;

    public SignatureVerdict Signature { get; internal set; } = signature;

    public DateTime ReceivedAt { get; } = receivedAt;

    /// <summary>An interim response (3.2.5.1.5): SMB2_FLAGS_ASYNC_COMMAND and STATUS_PENDING.</summary>
    public bool IsInterim => Header.IsAsync && Status == NtStatus.Pending;

    /// <summary>The body is an ERROR Response (2.2.2), by the rule of 3.3.4.4 (<see cref="Smb2MessageCatalog.CarriesErrorResponse"/>).</summary>
    public bool HasErrorBody => Smb2MessageCatalog.CarriesErrorResponse(Header, Bytes.Span);

    /// <summary>Reads the body as <typeparamref name="TBody"/>; never throws on bad bytes.</summary>
    public DecodeResult<TBody> Read<TBody>() where TBody : class, IMessageBody<TBody> => TBody.Read(Bytes);

    public override string ToString() =>
        $"{Header}{(WasEncrypted ? " [encrypted]" : "")} Signature={Signature}";
}
