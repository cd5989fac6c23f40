using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// The Len/MaxLen/BufferOffset triple through which an NTLM message points into its payload
/// (MS-NLMP 2.2.1: offsets count from the start of the message).
/// </summary>
internal static class NtlmPayloadField
{
    public const int Size = 8;

    public static void Write(Span<byte> message, int fieldOffset, int length, int bufferOffset)
    {
        message.U16(fieldOffset, (ushort)length);
        message.U16(fieldOffset + 2, (ushort)length);
        message.U32(fieldOffset + 4, (uint)bufferOffset);
    }

    /// <summary>Reads the triple at <paramref name="fieldOffset"/> and checks the buffer lies inside the message, after the fixed part.</summary>
    public static DecodeError? Read(ReadOnlySpan<byte> message, int fieldOffset, string messageName, string clause, string field, int earliestOffset, out int bufferOffset, out int length)
    {
        length = message.U16(fieldOffset);
        var offset = message.U32(fieldOffset + 4);
        bufferOffset = offset > int.MaxValue ? int.MaxValue : (int)offset;
        if (length == 0)
        {
            return null;
        }
        if (offset < (uint)earliestOffset)
        {
            return new DecodeError(messageName, field + "BufferOffset", clause, $"offset {offset} points inside the fixed part (payload starts at {earliestOffset})", fieldOffset + 4);
        }
        if (offset + (ulong)length > (ulong)message.Length)
        {
            return new DecodeError(messageName, field + "BufferOffset", clause, $"offset {offset} + length {length} runs past the message's {message.Length} bytes", fieldOffset + 4);
        }
        return null;
    }

    /// <summary>Where the payload starts: the lowest offset of a non-empty buffer, or the message's end when all are empty.</summary>
    public static int PayloadStart(int messageLength, params ReadOnlySpan<(int Offset, int Length)> buffers)
    {
        var start = messageLength;
        foreach (var (offset, length) in buffers)
        {
            if (length > 0 && offset < start)
            {
                start = offset;
            }
        }
        return start;
    }
}
