namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// Writes and validates lists chained by an offset at each entry's start (MS-FSCC 2.4 directory
/// classes, 2.4 FileStreamInformation, 2.7.1 FILE_NOTIFY_INFORMATION; MS-SMB2 2.2.32.5): each
/// offset counts from the entry's start, is 0 on the last entry, and is a multiple of the list's alignment.
/// </summary>
public static class ChainedEntries
{
    public static int EncodedLength<T>(IReadOnlyList<T> entries) where T : class, IChainedEntry<T>
    {
        var total = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            total += entries[i].Size + PaddingLength<T>(entries[i], last: i == entries.Count - 1);
        }
        return total;
    }

    public static byte[] Encode<T>(IReadOnlyList<T> entries) where T : class, IChainedEntry<T>
    {
        var bytes = new byte[EncodedLength(entries)];
        WriteTo(entries, bytes);
        return bytes;
    }

    public static void WriteTo<T>(IReadOnlyList<T> entries, Span<byte> destination) where T : class, IChainedEntry<T>
    {
        var start = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var last = i == entries.Count - 1;
            var padding = PaddingLength<T>(entry, last);
            var span = destination.Slice(start, entry.Size + padding);
            entry.WriteTo(span[..entry.Size]);
            span.U32(0, entry.NextEntryOffset ?? (last ? 0u : (uint)(entry.Size + padding)));
            if (entry.Padding is { } bytes)
            {
                span.Bytes(entry.Size, bytes.Span);
            }
            else
            {
                span[entry.Size..].Clear();
            }
            start += span.Length;
        }
    }

    /// <summary>
    /// Reads every entry of <paramref name="buffer"/> (an empty buffer is an empty list), checking
    /// each offset before following it: inside the buffer, aligned, and past the entry it follows.
    /// Error offsets count from the buffer's start.
    /// </summary>
    public static DecodeResult<IReadOnlyList<T>> Read<T>(ReadOnlyMemory<byte> buffer) where T : class, IChainedEntry<T>
    {
        var entries = new List<T>();
        var span = buffer.Span;
        long offset = 0;
        while (offset < buffer.Length)
        {
            var start = (int)offset;
            if (buffer.Length - start < 4)
            {
                return new DecodeError(T.StructureName, T.NextFieldName, T.Clause, $"entry {entries.Count} starts {buffer.Length - start} bytes before the buffer's end, too few for its {T.NextFieldName}", start);
            }
            var next = span.U32(start);
            long end = next == 0 ? buffer.Length : offset + next;
            if (next != 0)
            {
                if (next % T.Alignment != 0)
                {
                    return new DecodeError(T.StructureName, T.NextFieldName, T.Clause, $"{next} is not a multiple of {T.Alignment}", start);
                }
                if (end >= buffer.Length)
                {
                    return new DecodeError(T.StructureName, T.NextFieldName, T.Clause, $"{next} points at {end}, outside the {buffer.Length}-byte buffer", start);
                }
            }
            var entry = T.Read(buffer[start..(int)end]);
            if (!entry.IsSuccess)
            {
                return entry.Error with { Offset = start + Math.Max(entry.Error.Offset, 0), MessageName = $"{entry.Error.MessageName} (entry {entries.Count})" };
            }
            // The reader checked the entry against [start, end), so an offset pointing back inside it has already failed.
            var size = entry.Value.Size;
            var padding = buffer[(start + size)..(int)end];
            var naturalPadding = next == 0 && !T.PadsLastEntry ? 0 : AlignTo(size, T.Alignment) - size;
            entry.Value.Padding = padding.Length == naturalPadding && !padding.Span.ContainsAnyExcept((byte)0) ? (ReadOnlyMemory<byte>?)null : padding;
            entries.Add(entry.Value);
            if (next == 0)
            {
                break;
            }
            offset = end;
        }
        return entries;
    }

    private static int AlignTo(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static int PaddingLength<T>(T entry, bool last) where T : class, IChainedEntry<T> =>
        entry.Padding?.Length ?? (last && !T.PadsLastEntry ? 0 : AlignTo(entry.Size, T.Alignment) - entry.Size);
}
