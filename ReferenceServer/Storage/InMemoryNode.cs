namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// A file or directory of an <see cref="InMemoryShareStore"/>. Its place in the tree (Name, Parent,
/// Children) is guarded by the store's tree lock; its content and metadata by <see cref="Gate"/>.
/// Lock order: tree lock, then a node's gate, then the store's capacity lock.
/// </summary>
internal sealed class InMemoryNode
{
    public InMemoryNode(string name, InMemoryNode? parent, bool isDirectory, ulong fileIndex, long now, FileAttribute attributes)
    {
        Name = name;
        Parent = parent;
        FileIndex = fileIndex;
        Children = isDirectory ? new Dictionary<string, InMemoryNode>(StringComparer.OrdinalIgnoreCase) : null;
        Content = isDirectory ? null : new SparseContent();
        CreationTime = LastAccessTime = LastWriteTime = ChangeTime = now;
        Attributes = attributes;
    }

    public Lock Gate { get; } = new();

    public string Name { get; set; }

    public InMemoryNode? Parent { get; set; }

    /// <summary>Entries by name, ignoring case; null for a file.</summary>
    public Dictionary<string, InMemoryNode>? Children { get; }

    /// <summary>The data; null for a directory.</summary>
    public SparseContent? Content { get; }

    public bool IsDirectory => Children is not null;

    public ulong FileIndex { get; }

    public long CreationTime { get; set; }

    public long LastAccessTime { get; set; }

    public long LastWriteTime { get; set; }

    public long ChangeTime { get; set; }

    /// <summary>Stored attributes (see <see cref="FileAttributeRules"/>).</summary>
    public FileAttribute Attributes { get; set; }

    /// <summary>Bytes charged to the store's capacity; a multiple of the cluster size.</summary>
    public long AllocationSize { get; set; }

    /// <summary>Set when the node leaves the tree, so a write racing the delete does not resurrect its allocation.</summary>
    public bool Deleted { get; set; }

    /// <summary>The metadata; the caller holds the tree lock and <see cref="Gate"/>.</summary>
    public FileEntry Snapshot() => new(
        Name,
        IsDirectory,
        Content?.Length ?? 0,
        AllocationSize,
        CreationTime,
        LastAccessTime,
        LastWriteTime,
        ChangeTime,
        FileAttributeRules.Report(Attributes, IsDirectory),
        FileIndex);

    public void Touch(long now)
    {
        LastWriteTime = now;
        ChangeTime = now;
    }

    /// <summary>True if <paramref name="ancestor"/> is this node or one of its parents (tree lock held).</summary>
    public bool IsSameOrBelow(InMemoryNode ancestor)
    {
        for (InMemoryNode? node = this; node is not null; node = node.Parent)
        {
            if (ReferenceEquals(node, ancestor))
            {
                return true;
            }
        }

        return false;
    }
}
