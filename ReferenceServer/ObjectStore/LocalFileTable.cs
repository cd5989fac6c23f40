using Conformance.ReferenceServer.ObjectStore.Oplocks;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.ObjectStore;

/// <summary>
/// The file objects of one share's store that have opens, by path ignoring case, and where their
/// oplock breaks are indicated (the SMB2 layer's <see cref="IOplockBreakSink"/>).
/// </summary>
public sealed class LocalFileTable(IShareStore? store)
{
    private readonly Dictionary<string, LocalFile> files = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the files' bytes live; null for a pipe share.</summary>
    public IShareStore? Store { get; } = store;

    /// <summary>Told of every oplock break; null discards them (an object store used without a server above it).</summary>
    public IOplockBreakSink? BreakSink { get; set; }

    public object Gate => files;

    /// <summary>Serializes namespace changes of the share (create, close with delete, rename, disposition) across their store calls.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>The file object for <paramref name="path"/>, created if none has opens yet. Call under <see cref="Gate"/>.</summary>
    public LocalFile GetOrAdd(string path, bool isDirectory)
    {
        if (!files.TryGetValue(path, out var file))
        {
            file = new LocalFile(this, path, isDirectory);
            files[path] = file;
        }
        return file;
    }

    /// <summary>The file object, if it has opens. Call under <see cref="Gate"/>.</summary>
    public LocalFile? Find(string path) => files.GetValueOrDefault(path);

    /// <summary>Forgets a file object whose last open went away. Call under <see cref="Gate"/>.</summary>
    public void RemoveIfUnused(LocalFile file)
    {
        if (file.Opens.Count == 0 && files.TryGetValue(file.Path, out var current) && current == file)
        {
            files.Remove(file.Path);
        }
    }

    /// <summary>Whether any open below <paramref name="directory"/> exists (a directory with open children cannot be renamed). Call under <see cref="Gate"/>.</summary>
    public bool HasOpensBelow(string directory) =>
        files.Keys.Any(path => path.StartsWith(directory + "\\", StringComparison.OrdinalIgnoreCase));

    /// <summary>Moves a file object to its new path after a rename. Call under <see cref="Gate"/>.</summary>
    public void Rename(LocalFile file, string newPath)
    {
        files.Remove(file.Path);
        var renamedChildren = files.Where(pair => pair.Key.StartsWith(file.Path + "\\", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var (oldPath, child) in renamedChildren)
        {
            files.Remove(oldPath);
            child.Path = newPath + oldPath[file.Path.Length..];
            files[child.Path] = child;
        }
        file.Path = newPath;
        files[newPath] = file;
    }

    /// <summary>
    /// A child of a directory was added, removed or renamed (MS-FSA 2.1.4.12 with PARENT_OBJECT): the
    /// directory's oplocks other than <paramref name="parentOplockKey"/>'s (the operating open's
    /// ParentOplockKey) lose read caching. Never waits. Call outside every gate.
    /// </summary>
    public void BreakParentOf(string childPath, OplockKey? parentOplockKey)
    {
        var separator = childPath.LastIndexOf('\\');
        var parentPath = separator < 0 ? "" : childPath[..separator];
        LocalFile? parent;
        lock (Gate)
        {
            parent = Find(parentPath);
        }
        _ = parent?.CheckForOplockBreak(null, parentOplockKey, BreakRequest.Parent);
    }

    /// <summary>Delivers break indications to the sink. Call outside every gate.</summary>
    internal void Indicate(IReadOnlyList<OplockBreakIndication> indications)
    {
        if (BreakSink is not { } sink)
        {
            return;
        }
        foreach (var indication in indications)
        {
            sink.IndicateBreak(indication);
        }
    }
}
