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
        var packet = new byte[EncodedLength(messages)];
        messageRanges = new Range[messages.Count];
        Write(messages, packet, messageRanges);
        return packet;
    }

    /// <summary>The length of the packet <see cref="EncodeTo"/> writes for <paramref name="messages"/>.</summary>
    public static int EncodedLength(IReadOnlyList<Smb2Message> messages)
    {
        RequireMessages(messages);
        var total = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            total += messages[i].EncodedLength(followed: i < messages.Count - 1);
        }
        return total;
    }

    /// <summary>
    /// Encodes the chain into the first <see cref="EncodedLength"/> bytes of <paramref name="destination"/>
    /// (a reused buffer will do: those bytes are cleared first, so padding and reserved fields are
    /// zero as in a fresh array) and returns that length.
    /// </summary>
    /// <param name="messageRanges">Receives, per message, where it (with its padding) stands in <paramref name="destination"/>.</param>
    public static int EncodeTo(IReadOnlyList<Smb2Message> messages, Span<byte> destination, Span<Range> messageRanges)
    {
        var total = EncodedLength(messages);
        if (destination.Length < total)
        {
            throw new ArgumentException($"the packet needs {total} bytes, the destination holds {destination.Length}", nameof(destination));
        }
        if (messageRanges.Length < messages.Count)
        {
            throw new ArgumentException($"{messages.Count} messages need as many ranges, {messageRanges.Length} were given", nameof(messageRanges));
        }
        destination[..total].Clear();
        Write(messages, destination, messageRanges);
        return total;
    }

    /// <summary>Writes the chain into <paramref name="destination"/>, whose bytes are zero and at least as many as the chain's.</summary>
    private static void Write(IReadOnlyList<Smb2Message> messages, Span<byte> destination, Span<Range> messageRanges)
    {
        var start = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var length = message.EncodedLength(followed: i < messages.Count - 1);
            var span = destination.Slice(start, length);
            message.Header.WriteTo(span);
            var nextCommand = message.NextCommand ?? (i < messages.Count - 1 ? (uint)length : 0u);
            span.U32(20, nextCommand);
            message.Body.WriteTo(span.Slice(Smb2Header.Size, message.Body.Size));
            message.Padding?.Span.CopyTo(span[(Smb2Header.Size + message.Body.Size)..]);
            foreach (var patch in message.Patches)
            {
                patch.Bytes.CopyTo(span[patch.Offset..]);
            }
            messageRanges[i] = new Range(start, start + length);
            start += length;
        }
    }

    private static void RequireMessages(IReadOnlyList<Smb2Message> messages)
    {
        if (messages.Count == 0)
        {
            throw new ArgumentException("a packet holds at least one message", nameof(messages));
        }
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
