using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.ObjectStore;

/// <summary>The file objects of a share that have opens, by path ignoring case.</summary>
public sealed class LocalFileTable
{
    private readonly Dictionary<string, LocalFile> files = new(StringComparer.OrdinalIgnoreCase);

    public object Gate => files;

    /// <summary>Serializes namespace changes of the share (create, close with delete, rename, disposition) across their store calls.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>The file object for <paramref name="path"/>, created if none has opens yet. Call under <see cref="Gate"/>.</summary>
    public LocalFile GetOrAdd(string path, bool isDirectory)
    {
        if (!files.TryGetValue(path, out var file))
        {
            file = new LocalFile(path, isDirectory);
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

    public bool SharingAllows(LocalFile file, AccessMask desiredAccess, ShareAccess shareAccess) => file.SharingAllows(desiredAccess, shareAccess);

    public IReadOnlyList<Open> OpensOf(LocalFile file) => file.Opens;
}
