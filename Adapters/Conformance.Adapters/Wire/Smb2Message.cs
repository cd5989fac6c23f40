namespace Conformance.Adapters.Wire;

/// <summary>
/// One SMB2 message: header, body and what follows the body up to the next message of a compound.
/// </summary>
public sealed class Smb2Message(Smb2Header header, IMessageBody body)
{
    public Smb2Header Header { get; set; } = header;
    public IMessageBody Body { get; set; } = body;

    /// <summary>
    /// Bytes after the body. Null: zeros up to 8-byte alignment when another message follows in a
    /// compound (2.2.1), none otherwise. A decoded message keeps the bytes it had.
    /// </summary>
    public ReadOnlyMemory<byte>? Padding { get; set; }

    /// <summary>Null: NextCommand is computed by the compound encoder. Otherwise written as given.</summary>
    public uint? NextCommand { get; set; }

    /// <summary>Applied, in order, after the message is encoded (offsets from the header's start).</summary>
    public List<BytePatch> Patches { get; } = [];

    /// <summary>A message whose header Command matches the body's.</summary>
    public static Smb2Message For(IMessageBody body, Smb2Header? header = null)
    {
        header ??= new Smb2Header();
        header.Command = body.Command;
        return new Smb2Message(header, body);
    }

    public int PaddingLength(bool followed) =>
        Padding?.Length ?? (followed ? WireSpanExtensions.Align8(Smb2Header.Size + Body.Size) - (Smb2Header.Size + Body.Size) : 0);

    public int EncodedLength(bool followed) => Smb2Header.Size + Body.Size + PaddingLength(followed);

    /// <summary>This message alone, as the last (or only) message of a packet.</summary>
    public byte[] Encode() => Smb2Compound.Encode([this]);

    public override string ToString() => $"{Header} | {Body}";
}
