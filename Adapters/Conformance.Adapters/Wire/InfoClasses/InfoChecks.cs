namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>The checks an information-class reader runs before it reads a field.</summary>
public static class InfoChecks
{
    /// <summary>The buffer holds at least <paramref name="length"/> bytes (the structure's fixed part).</summary>
    public static DecodeError? FixedPart(ReadOnlySpan<byte> buffer, string structureName, string clause, int length) =>
        buffer.Length >= length
            ? null
            : new DecodeError(structureName, "(fixed part)", clause, $"buffer is {buffer.Length} bytes, shorter than the {length}-byte fixed part");

    /// <summary>
    /// A UTF-16 name of <paramref name="length"/> bytes at <paramref name="offset"/> lies inside the
    /// buffer and has an even length.
    /// </summary>
    public static DecodeError? Name(ReadOnlySpan<byte> buffer, string structureName, string clause, string lengthField, int offset, long length, int lengthFieldOffset)
    {
        if (offset + length > buffer.Length)
        {
            return new DecodeError(structureName, lengthField, clause, $"{length} bytes from offset {offset} run past the {buffer.Length}-byte buffer", lengthFieldOffset);
        }
        if (length % 2 != 0)
        {
            return new DecodeError(structureName, lengthField, clause, $"{length} is odd, not a whole number of UTF-16 code units", lengthFieldOffset);
        }
        return null;
    }
}
