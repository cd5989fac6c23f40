namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// The default share store: a tree of files and directories held in memory, with NTFS-like metadata.
/// Safe for concurrent use: namespace changes take one tree lock, while reads and writes of different
/// files proceed in parallel under each file's own lock. Allocation is charged against a fixed
/// capacity, so a share can fill up (DiskFull) like a real volume.
/// </summary>
public sealed class InMemoryShareStore : IShareStore
{
    public const uint BytesPerSector = 512;
    public const uint SectorsPerAllocationUnit = 8;
    public const long ClusterSize = BytesPerSector * SectorsPerAllocationUnit;
    public const long DefaultCapacity = 4L << 30;

    private readonly Lock tree = new();
    private readonly Lock capacityGate = new();
    private readonly InMemoryNode root;
    private readonly TimeProvider clock;
    private readonly long capacity;
    private readonly string label;
    private readonly long volumeCreationTime;
    private long allocatedBytes;
    private long lastFileIndex;

    public InMemoryShareStore(string label = "MEMORY", long capacity = DefaultCapacity, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.label = label;
        this.capacity = capacity;
        this.clock = clock ?? TimeProvider.System;
        volumeCreationTime = Now();
        root = new InMemoryNode(string.Empty, null, isDirectory: true, NextFileIndex(), volumeCreationTime, FileAttribute.None);
    }

    public Task<StoreResult<FileEntry>> GetEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        lock (tree)
        {
            StoreStatus status = Resolve(path, out InMemoryNode node);
            if (status != StoreStatus.Success)
            {
                return Task.FromResult<StoreResult<FileEntry>>(status);
            }

            lock (node.Gate)
            {
                return Task.FromResult(StoreResult<FileEntry>.Succeeded(node.Snapshot()));
            }
        }
    }

    public Task<StoreResult<FileEntry>> CreateFileAsync(
        string path, FileAttribute attributes = FileAttribute.None, CancellationToken cancellationToken = default) =>
        Task.FromResult(Create(path, attributes, isDirectory: false));

    public Task<StoreResult<FileEntry>> CreateDirectoryAsync(
        string path, FileAttribute attributes = FileAttribute.None, CancellationToken cancellationToken = default) =>
        Task.FromResult(Create(path, attributes, isDirectory: true));

    public Task<StoreResult<int>> ReadAsync(
        string path, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            return Task.FromResult<StoreResult<int>>(StoreStatus.InvalidParameter);
        }

        StoreStatus status = ResolveFile(path, out InMemoryNode node);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult<int>>(status);
        }

        lock (node.Gate)
        {
            if (node.Deleted)
            {
                return Task.FromResult<StoreResult<int>>(StoreStatus.ObjectNameNotFound);
            }

            return Task.FromResult(StoreResult<int>.Succeeded(node.Content!.Read(offset, buffer.Span)));
        }
    }

    public Task<StoreResult<int>> WriteAsync(
        string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (offset < 0 || offset > long.MaxValue - data.Length)
        {
            return Task.FromResult<StoreResult<int>>(StoreStatus.InvalidParameter);
        }

        StoreStatus status = ResolveFile(path, out InMemoryNode node);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult<int>>(status);
        }

        lock (node.Gate)
        {
            if (node.Deleted)
            {
                return Task.FromResult<StoreResult<int>>(StoreStatus.ObjectNameNotFound);
            }

            long end = offset + data.Length;
            if (end > node.Content!.Length && !TryAllocate(node, Math.Max(node.AllocationSize, RoundUpToCluster(end))))
            {
                return Task.FromResult<StoreResult<int>>(StoreStatus.DiskFull);
            }

            node.Content.Write(offset, data.Span);
            node.Touch(Now());
            return Task.FromResult(StoreResult<int>.Succeeded(data.Length));
        }
    }

    public Task<StoreResult> SetEndOfFileAsync(string path, long endOfFile, CancellationToken cancellationToken = default)
    {
        if (endOfFile < 0)
        {
            return Task.FromResult<StoreResult>(StoreStatus.InvalidParameter);
        }

        StoreStatus status = ResolveFile(path, out InMemoryNode node);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult>(status);
        }

        lock (node.Gate)
        {
            if (node.Deleted)
            {
                return Task.FromResult<StoreResult>(StoreStatus.ObjectNameNotFound);
            }

            // Extending keeps any larger reservation; truncating gives back what lies past the new end.
            long allocation = endOfFile > node.Content!.Length
                ? Math.Max(node.AllocationSize, RoundUpToCluster(endOfFile))
                : RoundUpToCluster(endOfFile);
            if (!TryAllocate(node, allocation))
            {
                return Task.FromResult<StoreResult>(StoreStatus.DiskFull);
            }

            node.Content.SetLength(endOfFile);
            node.Touch(Now());
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<StoreResult> SetAllocationSizeAsync(
        string path, long allocationSize, CancellationToken cancellationToken = default)
    {
        if (allocationSize < 0)
        {
            return Task.FromResult<StoreResult>(StoreStatus.InvalidParameter);
        }

        StoreStatus status = ResolveFile(path, out InMemoryNode node);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult>(status);
        }

        lock (node.Gate)
        {
            if (node.Deleted)
            {
                return Task.FromResult<StoreResult>(StoreStatus.ObjectNameNotFound);
            }

            if (!TryAllocate(node, RoundUpToCluster(allocationSize)))
            {
                return Task.FromResult<StoreResult>(StoreStatus.DiskFull);
            }

            if (allocationSize < node.Content!.Length)
            {
                node.Content.SetLength(allocationSize);
                node.Touch(Now());
            }

            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<StoreResult> SetBasicInformationAsync(
        string path, FileBasicInformationUpdate update, CancellationToken cancellationToken = default)
    {
        if (!update.HasValidTimes)
        {
            return Task.FromResult<StoreResult>(StoreStatus.InvalidParameter);
        }

        lock (tree)
        {
            StoreStatus status = Resolve(path, out InMemoryNode node);
            if (status != StoreStatus.Success)
            {
                return Task.FromResult<StoreResult>(status);
            }

            lock (node.Gate)
            {
                if (update.Attributes is FileAttribute attributes)
                {
                    status = FileAttributeRules.CheckRequested(attributes, node.IsDirectory);
                    if (status != StoreStatus.Success)
                    {
                        return Task.FromResult<StoreResult>(status);
                    }

                    node.Attributes = attributes & FileAttributeRules.Settable;
                }

                node.CreationTime = update.CreationTime ?? node.CreationTime;
                node.LastAccessTime = update.LastAccessTime ?? node.LastAccessTime;
                node.LastWriteTime = update.LastWriteTime ?? node.LastWriteTime;
                node.ChangeTime = update.ChangeTime ?? Now();
                return Task.FromResult(StoreResult.Success);
            }
        }
    }

    public Task<StoreResult<IReadOnlyList<FileEntry>>> ListDirectoryAsync(
        string path, string expression = "*", CancellationToken cancellationToken = default)
    {
        lock (tree)
        {
            StoreStatus status = Resolve(path, out InMemoryNode directory);
            if (status != StoreStatus.Success)
            {
                return Task.FromResult<StoreResult<IReadOnlyList<FileEntry>>>(status);
            }

            if (!directory.IsDirectory)
            {
                return Task.FromResult<StoreResult<IReadOnlyList<FileEntry>>>(StoreStatus.NotADirectory);
            }

            var entries = new List<FileEntry>();
            foreach (InMemoryNode child in directory.Children!.Values.OrderBy(child => child.Name, StringComparer.OrdinalIgnoreCase))
            {
                if (FileNameExpression.IsMatch(child.Name, expression))
                {
                    lock (child.Gate)
                    {
                        entries.Add(child.Snapshot());
                    }
                }
            }

            return Task.FromResult(StoreResult<IReadOnlyList<FileEntry>>.Succeeded(entries));
        }
    }

    public Task<StoreResult> RenameAsync(
        string path, string newPath, bool replaceIfExists, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rename(path, newPath, replaceIfExists));

    public Task<StoreResult> DeleteFileAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(Delete(path, directory: false));

    public Task<StoreResult> DeleteDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(Delete(path, directory: true));

    public Task<VolumeInformation> GetVolumeInformationAsync(CancellationToken cancellationToken = default)
    {
        long free;
        lock (capacityGate)
        {
            free = capacity - allocatedBytes;
        }

        return Task.FromResult(new VolumeInformation(
            TotalBytes: capacity,
            FreeBytes: free,
            BytesPerSector,
            SectorsPerAllocationUnit,
            SerialNumber: VolumeSerialNumber.From(label),
            Label: label,
            CreationTime: volumeCreationTime,
            FileSystemName: "NTFS",
            MaximumComponentNameLength: SharePath.MaximumComponentLength));
    }

    private StoreResult<FileEntry> Create(string path, FileAttribute attributes, bool isDirectory)
    {
        StoreStatus status = FileAttributeRules.CheckRequested(attributes, isDirectory);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        status = SharePath.TryParse(path, out SharePath parsed);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        if (parsed.IsRoot)
        {
            return StoreStatus.ObjectNameCollision;
        }

        if (!SharePath.IsValidNewName(parsed.Name))
        {
            return StoreStatus.ObjectNameInvalid;
        }

        lock (tree)
        {
            status = ResolveParent(parsed, out InMemoryNode parent);
            if (status != StoreStatus.Success)
            {
                return status;
            }

            if (parent.Children!.ContainsKey(parsed.Name))
            {
                return StoreStatus.ObjectNameCollision;
            }

            long now = Now();
            var node = new InMemoryNode(
                parsed.Name, parent, isDirectory, NextFileIndex(), now, FileAttributeRules.ForNewEntry(attributes, isDirectory));
            parent.Children.Add(node.Name, node);
            lock (parent.Gate)
            {
                parent.Touch(now);
            }

            return StoreResult<FileEntry>.Succeeded(node.Snapshot());
        }
    }

    private StoreResult Rename(string path, string newPath, bool replaceIfExists)
    {
        var status = SharePath.TryParseRename(path, newPath, out var source, out var target);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        lock (tree)
        {
            status = Resolve(source, out InMemoryNode node);
            if (status != StoreStatus.Success)
            {
                return status;
            }

            status = ResolveParent(target, out InMemoryNode newParent);
            if (status != StoreStatus.Success)
            {
                return status;
            }

            if (node.IsDirectory && newParent.IsSameOrBelow(node))
            {
                return StoreStatus.InvalidParameter;
            }

            long now = Now();
            if (newParent.Children!.TryGetValue(target.Name, out InMemoryNode? existing) && !ReferenceEquals(existing, node))
            {
                if (!replaceIfExists)
                {
                    return StoreStatus.ObjectNameCollision;
                }

                if (existing.IsDirectory)
                {
                    return StoreStatus.AccessDenied;
                }

                Detach(existing);
            }

            InMemoryNode oldParent = node.Parent!;
            oldParent.Children!.Remove(node.Name);
            node.Name = target.Name;
            node.Parent = newParent;
            newParent.Children.Add(node.Name, node);
            lock (node.Gate)
            {
                node.ChangeTime = now;
            }

            foreach (InMemoryNode parent in new[] { oldParent, newParent }.Distinct())
            {
                lock (parent.Gate)
                {
                    parent.Touch(now);
                }
            }

            return StoreResult.Success;
        }
    }

    private StoreResult Delete(string path, bool directory)
    {
        StoreStatus status = SharePath.TryParse(path, out SharePath parsed);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        lock (tree)
        {
            status = Resolve(parsed, out InMemoryNode node);
            if (status != StoreStatus.Success)
            {
                return status;
            }

            if (node.IsDirectory != directory)
            {
                return directory ? StoreStatus.NotADirectory : StoreStatus.FileIsADirectory;
            }

            if (parsed.IsRoot)
            {
                return StoreStatus.AccessDenied;
            }

            if (directory && node.Children!.Count > 0)
            {
                return StoreStatus.DirectoryNotEmpty;
            }

            InMemoryNode parent = node.Parent!;
            Detach(node);
            lock (parent.Gate)
            {
                parent.Touch(Now());
            }

            return StoreResult.Success;
        }
    }

    /// <summary>Removes a node from its parent and gives back its allocation (tree lock held).</summary>
    private void Detach(InMemoryNode node)
    {
        node.Parent!.Children!.Remove(node.Name);
        node.Parent = null;
        lock (node.Gate)
        {
            node.Deleted = true;
            TryAllocate(node, 0);
        }
    }

    /// <summary>Resolves a path to its node (tree lock held).</summary>
    private StoreStatus Resolve(string path, out InMemoryNode node)
    {
        node = root;
        StoreStatus status = SharePath.TryParse(path, out SharePath parsed);
        return status != StoreStatus.Success ? status : Resolve(parsed, out node);
    }

    private StoreStatus Resolve(SharePath path, out InMemoryNode node)
    {
        node = root;
        for (int i = 0; i < path.Components.Count; i++)
        {
            if (!node.IsDirectory)
            {
                return StoreStatus.NotADirectory;
            }

            if (!node.Children!.TryGetValue(path.Components[i], out InMemoryNode? next))
            {
                return i == path.Components.Count - 1 ? StoreStatus.ObjectNameNotFound : StoreStatus.ObjectPathNotFound;
            }

            node = next;
        }

        return StoreStatus.Success;
    }

    /// <summary>Resolves the directory that holds (or will hold) the last component (tree lock held).</summary>
    private StoreStatus ResolveParent(SharePath path, out InMemoryNode parent)
    {
        StoreStatus status = Resolve(path.Parent, out parent);
        if (status == StoreStatus.ObjectNameNotFound)
        {
            return StoreStatus.ObjectPathNotFound;
        }

        if (status == StoreStatus.Success && !parent.IsDirectory)
        {
            return StoreStatus.NotADirectory;
        }

        return status;
    }

    /// <summary>Resolves a path that must name a file, for data operations.</summary>
    private StoreStatus ResolveFile(string path, out InMemoryNode node)
    {
        lock (tree)
        {
            StoreStatus status = Resolve(path, out node);
            if (status == StoreStatus.Success && node.IsDirectory)
            {
                return StoreStatus.FileIsADirectory;
            }

            return status;
        }
    }

    /// <summary>Sets a node's allocation, charging or crediting the capacity (node gate held).</summary>
    private bool TryAllocate(InMemoryNode node, long allocationSize)
    {
        lock (capacityGate)
        {
            long delta = allocationSize - node.AllocationSize;
            if (delta > 0 && allocatedBytes + delta > capacity)
            {
                return false;
            }

            allocatedBytes += delta;
            node.AllocationSize = allocationSize;
            return true;
        }
    }

    private static long RoundUpToCluster(long size) =>
        size > long.MaxValue - ClusterSize ? long.MaxValue : (size + ClusterSize - 1) / ClusterSize * ClusterSize;

    private ulong NextFileIndex() => (ulong)Interlocked.Increment(ref lastFileIndex);

    private long Now() => FileTime.Now(clock);
}
