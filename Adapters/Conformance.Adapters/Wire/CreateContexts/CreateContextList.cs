namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>
/// The chain of SMB2_CREATE_CONTEXT structures of a CREATE Request or Response (2.2.13.2,
/// 2.2.14.2): each context 8-byte aligned, Next giving the distance from one context to the next.
/// </summary>
public static class CreateContextList
{
    private const string Clause = "2.2.13.2";

    /// <summary>Bytes of the list: every context but the last padded to 8 bytes.</summary>
    public static int Size(IReadOnlyList<CreateContext> contexts)
    {
        var size = 0;
        for (var i = 0; i < contexts.Count; i++)
        {
            size += i < contexts.Count - 1 ? WireSpanExtensions.Align8(contexts[i].Size) : contexts[i].Size;
        }
        return size;
    }

    /// <summary>Writes <see cref="Size"/> bytes; padding between contexts is zero.</summary>
    public static void WriteTo(Span<byte> destination, IReadOnlyList<CreateContext> contexts)
    {
        var position = 0;
        for (var i = 0; i < contexts.Count; i++)
        {
            var context = contexts[i];
            var followed = i < contexts.Count - 1;
            var span = destination.Slice(position, context.Size);
            context.WriteTo(span, followed);
            position += context.Size;
            if (followed)
            {
                var aligned = WireSpanExtensions.Align8(position);
                destination[position..aligned].Clear();
                position = aligned;
            }
        }
    }

    /// <summary>
    /// Validates and reads the list at [<paramref name="offset"/>, <paramref name="offset"/> +
    /// <paramref name="length"/>) of the message slice (already checked to lie inside it).
    /// <paramref name="response"/> selects the response meaning of names that differ (DHnQ, MxAc, QFid).
    /// </summary>
    public static DecodeResult<List<CreateContext>> Read(ReadOnlyMemory<byte> message, string messageName, int offset, int length, bool response)
    {
        var span = message.Span;
        var contexts = new List<CreateContext>();
        var position = offset;
        var end = offset + length;
        while (true)
        {
            var index = contexts.Count;
            var remaining = end - position;
            if (remaining < CreateContext.HeaderLength)
            {
                return new DecodeError(messageName, $"CreateContexts[{index}]", Clause, $"{remaining} bytes left in the list, fewer than a context's {CreateContext.HeaderLength}-byte header", position);
            }
            var next = span.U32(position);
            var nameOffset = span.U16(position + 4);
            var nameLength = span.U16(position + 6);
            var reserved = span.U16(position + 8);
            var dataOffset = span.U16(position + 10);
            var dataLength = span.U32(position + 12);
            if (next != 0)
            {
                if (next % 8 != 0)
                {
                    return new DecodeError(messageName, $"CreateContexts[{index}].Next", Clause, $"{next} is not 8-byte aligned", position);
                }
                if (next > remaining)
                {
                    return new DecodeError(messageName, $"CreateContexts[{index}].Next", Clause, $"{next} points past the end of the list ({remaining} bytes left)", position);
                }
            }
            // The context's own bytes end where the next one begins, or at the end of the list.
            var extent = next == 0 ? remaining : (int)next;
            if (nameLength < 4)
            {
                return new DecodeError(messageName, $"CreateContexts[{index}].NameLength", Clause, $"{nameLength}: a name is four or more octets", position + 6);
            }
            if (nameOffset < CreateContext.HeaderLength || nameOffset + nameLength > extent)
            {
                return new DecodeError(messageName, $"CreateContexts[{index}].NameOffset", Clause, $"name at {nameOffset}, {nameLength} bytes, is not inside the context's {extent} bytes after its header" + (next != 0 ? " (Next points back into it)" : ""), position + 4);
            }
            if (dataLength != 0 && (dataOffset < CreateContext.HeaderLength || dataOffset + (long)dataLength > extent))
            {
                return new DecodeError(messageName, $"CreateContexts[{index}].DataOffset", Clause, $"data at {dataOffset}, {dataLength} bytes, is not inside the context's {extent} bytes after its header" + (next != 0 ? " (Next points back into it)" : ""), position + 10);
            }
            var name = message.Slice(position + nameOffset, nameLength);
            var data = dataLength == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(position + dataOffset, (int)dataLength);
            var typed = Interpret(name, data, response, messageName, index, position);
            if (!typed.IsSuccess)
            {
                return typed.Error;
            }
            var context = typed.Value;
            context.Reserved = reserved;
            if (nameOffset != CreateContext.HeaderLength)
            {
                context.NameOffset = nameOffset;
            }
            if (dataOffset != context.NaturalDataOffset)
            {
                context.DataOffset = dataOffset;
            }
            var naturalNext = next == 0 ? 0u : (uint)WireSpanExtensions.Align8(context.Size);
            if (next != naturalNext)
            {
                context.Next = next;
            }
            contexts.Add(context);
            if (next == 0)
            {
                return contexts;
            }
            position += (int)next;
        }
    }

    private static DecodeResult<CreateContext> Interpret(ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> data, bool response, string messageName, int index, int position)
    {
        var n = name.Span;
        var d = data.Span;
        DecodeError WrongLength(string clause, string expected) =>
            new(messageName, $"CreateContexts[{index}] ({CreateContext.DescribeName(name.Span)}).DataLength", clause, $"{data.Length}, expected {expected}", position + 12);

        if (n.SequenceEqual(CreateContextNames.RequestLease.Span))
        {
            return (response, d.Length) switch
            {
                (false, CreateRequestLease.Length) => CreateRequestLease.ReadData(d),
                (false, CreateRequestLeaseV2.Length) => CreateRequestLeaseV2.ReadData(d),
                (true, CreateResponseLease.Length) => CreateResponseLease.ReadData(d),
                (true, CreateResponseLeaseV2.Length) => CreateResponseLeaseV2.ReadData(d),
                _ => WrongLength(response ? "2.2.14.2.10" : "2.2.13.2.8", "32 (lease) or 52 (lease v2)"),
            };
        }
        if (n.SequenceEqual(CreateContextNames.DurableHandleRequest.Span))
        {
            return response
                ? d.Length == CreateDurableHandleResponse.Length ? CreateDurableHandleResponse.ReadData(d) : WrongLength("2.2.14.2.3", "8")
                : d.Length == CreateDurableHandleRequest.Length ? CreateDurableHandleRequest.ReadData(data) : WrongLength("2.2.13.2.3", "16");
        }
        if (n.SequenceEqual(CreateContextNames.DurableHandleRequestV2.Span))
        {
            return response
                ? d.Length == CreateDurableHandleResponseV2.Length ? CreateDurableHandleResponseV2.ReadData(d) : WrongLength("2.2.14.2.12", "8")
                : d.Length == CreateDurableHandleRequestV2.Length ? CreateDurableHandleRequestV2.ReadData(d) : WrongLength("2.2.13.2.11", "32");
        }
        if (n.SequenceEqual(CreateContextNames.QueryMaximalAccess.Span))
        {
            return response
                ? d.Length == CreateQueryMaximalAccessResponse.Length ? CreateQueryMaximalAccessResponse.ReadData(d) : WrongLength("2.2.14.2.5", "8")
                : d.Length is 0 or CreateQueryMaximalAccessRequest.TimestampLength ? CreateQueryMaximalAccessRequest.ReadData(d) : WrongLength("2.2.13.2.5", "0 or 8");
        }
        if (n.SequenceEqual(CreateContextNames.QueryOnDiskId.Span))
        {
            return response
                ? d.Length == CreateQueryOnDiskIdResponse.Length ? CreateQueryOnDiskIdResponse.ReadData(data) : WrongLength("2.2.14.2.9", "32")
                : d.Length == 0 ? new CreateQueryOnDiskIdRequest() : WrongLength("2.2.13.2.9", "0");
        }
        if (!response && n.SequenceEqual(CreateContextNames.DurableHandleReconnect.Span))
        {
            return d.Length == CreateDurableHandleReconnect.Length ? CreateDurableHandleReconnect.ReadData(d) : WrongLength("2.2.13.2.4", "16");
        }
        if (!response && n.SequenceEqual(CreateContextNames.DurableHandleReconnectV2.Span))
        {
            return d.Length == CreateDurableHandleReconnectV2.Length ? CreateDurableHandleReconnectV2.ReadData(d) : WrongLength("2.2.13.2.12", "36");
        }
        if (!response && n.SequenceEqual(CreateContextNames.AppInstanceId.Span))
        {
            return d.Length == CreateAppInstanceId.Length ? CreateAppInstanceId.ReadData(d) : WrongLength("2.2.13.2.13", "20");
        }
        return new RawCreateContext(name, data);
    }
}
