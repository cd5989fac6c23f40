namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>
/// The NegotiateContextList of a NEGOTIATE Request or Response (current MS-SMB2 2.2.3, 2.2.4): each
/// context after the first starts at the next 8-byte-aligned offset; the last is not padded.
/// </summary>
public static class NegotiateContextList
{
    /// <summary>Bytes of the list written from an 8-byte-aligned start.</summary>
    public static int Size(IReadOnlyList<NegotiateContext> contexts)
    {
        var size = 0;
        for (var i = 0; i < contexts.Count; i++)
        {
            if (i > 0)
            {
                size = WireSpanExtensions.Align8(size);
            }
            size += contexts[i].Size;
        }
        return size;
    }

    /// <summary>Writes the list, zero padding included, at the start of <paramref name="destination"/> (an 8-byte-aligned offset).</summary>
    public static void Write(Span<byte> destination, IReadOnlyList<NegotiateContext> contexts)
    {
        var position = 0;
        for (var i = 0; i < contexts.Count; i++)
        {
            if (i > 0)
            {
                var aligned = WireSpanExtensions.Align8(position);
                destination[position..aligned].Clear();
                position = aligned;
            }
            contexts[i].WriteTo(destination.Slice(position, contexts[i].Size));
            position += contexts[i].Size;
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> contexts starting at <paramref name="offset"/> of the message
    /// slice (offsets from the header's start), each header and Data checked to lie in the slice.
    /// </summary>
    public static DecodeResult<List<NegotiateContext>> Read(ReadOnlyMemory<byte> message, int offset, int count, string messageName, string clause)
    {
        var contexts = new List<NegotiateContext>();
        var position = offset;
        for (var i = 0; i < count; i++)
        {
            var field = $"NegotiateContextList[{i}]";
            if (i > 0)
            {
                position = WireSpanExtensions.Align8(position);
            }
            if (position + NegotiateContext.HeaderSize > message.Length)
            {
                return new DecodeError(messageName, field, clause, $"context {i} of {count} would start at offset {position}, but its 8-byte header does not fit in the {message.Length}-byte message", position);
            }
            var span = message.Span;
            var type = (NegotiateContextType)span.U16(position);
            var dataLength = span.U16(position + 2);
            var dataOffset = position + NegotiateContext.HeaderSize;
            if (dataOffset + dataLength > message.Length)
            {
                return new DecodeError(messageName, field + ".DataLength", clause, $"Data of {dataLength} bytes at offset {dataOffset} runs past the {message.Length}-byte message", position + 2);
            }
            var data = message.Slice(dataOffset, dataLength);
            var context = type switch
            {
                NegotiateContextType.PreauthIntegrityCapabilities => PreauthIntegrityCapabilities.ReadData(data, dataOffset, messageName, field),
                NegotiateContextType.EncryptionCapabilities => EncryptionCapabilities.ReadData(data, dataOffset, messageName, field),
                NegotiateContextType.SigningCapabilities => SigningCapabilities.ReadData(data, dataOffset, messageName, field),
                NegotiateContextType.CompressionCapabilities => CompressionCapabilities.ReadData(data, dataOffset, messageName, field),
                NegotiateContextType.NetnameNegotiateContextId => NetnameNegotiateContextId.ReadData(data),
                _ => new RawNegotiateContext(type, data),
            };
            if (!context.IsSuccess)
            {
                return context.Error;
            }
            context.Value.ContextType = type;
            context.Value.Reserved = span.U32(position + 4);
            context.Value.ExtraData = data[context.Value.FieldsSize..];
            contexts.Add(context.Value);
            position = dataOffset + dataLength;
        }
        return contexts;
    }
}
