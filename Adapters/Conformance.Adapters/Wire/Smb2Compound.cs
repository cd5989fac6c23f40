namespace Conformance.Adapters.Wire;

/// <summary>
/// A packet: one SMB2 message or a compound chain of them (2.2.1, 3.2.4.1.4), each message's
/// NextCommand giving the offset of the next, 8-byte aligned.
/// </summary>
public static class Smb2Compound
{
    private const string Clause = "2.2.1";

    /// <summary>Encodes the chain; NextCommand and padding are computed unless a message overrides them.</summary>
    public static byte[] Encode(IReadOnlyList<Smb2Message> messages) => Encode(messages, out _);

    /// <param name="messageRanges">Where each message (with its padding) stands in the result: what signing covers.</param>
    public static byte[] Encode(IReadOnlyList<Smb2Message> messages, out Range[] messageRanges)
    {
        if (messages.Count == 0)
        {
            throw new ArgumentException("a packet holds at least one message", nameof(messages));
        }
        var lengths = new int[messages.Count];
        var total = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            lengths[i] = messages[i].EncodedLength(followed: i < messages.Count - 1);
            total += lengths[i];
        }
        var packet = new byte[total];
        messageRanges = new Range[messages.Count];
        var start = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var span = packet.AsSpan(start, lengths[i]);
            message.Header.WriteTo(span);
            var nextCommand = message.NextCommand ?? (i < messages.Count - 1 ? (uint)lengths[i] : 0u);
            span.U32(20, nextCommand);
            message.Body.WriteTo(span.Slice(Smb2Header.Size, message.Body.Size));
            message.Padding?.Span.CopyTo(span[(Smb2Header.Size + message.Body.Size)..]);
            foreach (var patch in message.Patches)
            {
                patch.Bytes.CopyTo(span[patch.Offset..]);
            }
            messageRanges[i] = new Range(start, start + lengths[i]);
            start += lengths[i];
        }
        return packet;
    }

    /// <summary>
    /// Splits a received packet into its messages, validating every header and NextCommand
    /// (within the packet, past the current header, 8-byte aligned) before anything else is read.
    /// </summary>
    public static DecodeResult<IReadOnlyList<MessageSlice>> Split(ReadOnlyMemory<byte> packet)
    {
        var slices = new List<MessageSlice>();
        var start = 0;
        while (true)
        {
            var remaining = packet[start..];
            var header = Smb2Header.Read(remaining.Span);
            if (!header.IsSuccess)
            {
                return header.Error with { Offset = start + Math.Max(header.Error.Offset, 0), MessageName = $"message {slices.Count} of the packet: " + header.Error.MessageName };
            }
            var next = header.Value.NextCommand;
            if (next == 0)
            {
                slices.Add(new MessageSlice(header.Value, remaining, start));
                return slices;
            }
            if (next < Smb2Header.Size || next > remaining.Length)
            {
                return new DecodeError($"message {slices.Count} of the packet", "NextCommand", Clause, $"{next} does not point at a header inside the {remaining.Length} remaining bytes", start + 20);
            }
            if (next % 8 != 0)
            {
                return new DecodeError($"message {slices.Count} of the packet", "NextCommand", Clause, $"{next} is not 8-byte aligned", start + 20);
            }
            slices.Add(new MessageSlice(header.Value, remaining[..(int)next], start));
            start += (int)next;
        }
    }
}

/// <summary>One message of a received packet: its validated header and its bytes, padding included.</summary>
public sealed record MessageSlice(Smb2Header Header, ReadOnlyMemory<byte> Bytes, int OffsetInPacket)
{
    /// <summary>Reads the body as <typeparamref name="TBody"/> and pairs it with the header and the trailing bytes.</summary>
    public DecodeResult<Smb2Message> ReadAs<TBody>() where TBody : class, IMessageBody<TBody>
    {
        var body = TBody.Read(Bytes);
        return body.IsSuccess ? WithBody(body.Value) : body.Error;
    }

    public Smb2Message WithBody(IMessageBody body)
    {
        var end = Math.Min(Smb2Header.Size + body.Size, Bytes.Length);
        return new Smb2Message(Header, body) { Padding = Bytes[end..], NextCommand = Header.NextCommand };
    }
}
