namespace Conformance.Adapters.Wire;

/// <summary>
/// The checks a body decoder runs before it reads any field. Each returns null when the check
/// holds, or the <see cref="DecodeError"/> that names the field and clause.
/// </summary>
public static class BodyChecks
{
    /// <summary>
    /// The message slice holds the header plus <paramref name="fixedLength"/> bytes, and its
    /// StructureSize equals <paramref name="structureSize"/>.
    /// </summary>
    public static DecodeError? FixedPart(ReadOnlySpan<byte> message, string messageName, string clause, ushort structureSize, int fixedLength)
    {
        if (message.Length < Smb2Header.Size + 2)
        {
            return new DecodeError(messageName, "StructureSize", clause, $"message ends at {message.Length} bytes, before the body's StructureSize");
        }
        var actual = message.U16(Smb2Header.Size);
        if (actual != structureSize)
        {
            return new DecodeError(messageName, "StructureSize", clause, $"expected {structureSize}, got {actual}", Smb2Header.Size);
        }
        if (message.Length < Smb2Header.Size + fixedLength)
        {
            return new DecodeError(messageName, "(fixed part)", clause, $"body is {message.Length - Smb2Header.Size} bytes, shorter than its {fixedLength}-byte fixed part");
        }
        return null;
    }

    /// <summary>
    /// A variable buffer named by an offset (from the header's start) and a length lies within the
    /// message slice and after the fixed part. A zero length is accepted with any offset.
    /// </summary>
    public static DecodeError? Buffer(int messageLength, string messageName, string clause, string offsetField, long offset, long length, int earliestOffset)
    {
        if (length == 0)
        {
            return null;
        }
        if (offset < earliestOffset)
        {
            return new DecodeError(messageName, offsetField, clause, $"offset {offset} points inside the fixed part (buffer must start at {earliestOffset} or later)");
        }
        if (offset + length > messageLength)
        {
            return new DecodeError(messageName, offsetField, clause, $"offset {offset} + length {length} = {offset + length} runs past the message's {messageLength} bytes");
        }
        return null;
    }

}
