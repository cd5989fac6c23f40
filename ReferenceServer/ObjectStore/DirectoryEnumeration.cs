using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.ObjectStore;

/// <summary>
/// The state of a directory search on an open (MS-FSA 2.1.5.6.3): the pattern of the first query
/// and the entries, "." and ".." first, with the position of the next one to return.
/// </summary>
public sealed class DirectoryEnumeration(string pattern, IReadOnlyList<DirectoryEnumerationEntry> entries)
{
    public string Pattern { get; } = pattern;
    public IReadOnlyList<DirectoryEnumerationEntry> Entries { get; } = entries;
    public int Position { get; set; }
}

/// <summary>One entry of a search: the name reported (".", ".." or the entry's own) and its metadata.</summary>
public sealed record DirectoryEnumerationEntry(string FileName, FileEntry Entry);
