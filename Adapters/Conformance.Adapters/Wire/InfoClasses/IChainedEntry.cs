namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>
/// One entry of a list chained by a 4-byte offset at the entry's start (NextEntryOffset, or Next in
/// NETWORK_INTERFACE_INFO): directory information classes, FILE_STREAM_INFORMATION,
/// FILE_NOTIFY_INFORMATION. <see cref="ChainedEntries"/> writes and validates the chain.
/// </summary>
public interface IChainedEntry
{
    /// <summary>Null: computed (entry size plus padding, or 0 for the last entry). Otherwise written as given.</summary>
    uint? NextEntryOffset { get; set; }

    /// <summary>
    /// Bytes after the entry up to the next one (or to the buffer's end, for the last). Null: zeros up
    /// to the list's alignment when another entry follows (or the list pads every entry), none otherwise. A decoded entry keeps only
    /// padding that differs from that.
    /// </summary>
    ReadOnlyMemory<byte>? Padding { get; set; }

    /// <summary>Bytes of the entry in its natural layout, padding excluded.</summary>
    int Size { get; }

    /// <summary>Writes exactly <see cref="Size"/> bytes; the first four (the chain offset) are written by the list.</summary>
    void WriteTo(Span<byte> destination);
}

/// <summary>A chained entry that can be read from received bytes.</summary>
public interface IChainedEntry<TSelf> : IChainedEntry where TSelf : class, IChainedEntry<TSelf>
{
    /// <summary>Name of the structure, for errors.</summary>
    static abstract string StructureName { get; }

    /// <summary>Clause defining it, for errors.</summary>
    static abstract string Clause { get; }

    /// <summary>The boundary each entry starts on (8, or 4 for FILE_NOTIFY_INFORMATION).</summary>
    static abstract int Alignment { get; }

    /// <summary>Whether the last entry, too, is padded to the alignment (FILE_NOTIFY_INFORMATION pads every name).</summary>
    static virtual bool PadsLastEntry => false;

    /// <summary>The chain offset's name in the spec.</summary>
    static virtual string NextFieldName => "NextEntryOffset";

    /// <summary>
    /// Validates, then reads, one entry from <paramref name="entry"/>: its bytes up to the next entry
    /// (or the buffer's end). Error offsets count from the entry's start.
    /// </summary>
    static abstract DecodeResult<TSelf> Read(ReadOnlyMemory<byte> entry);
}
