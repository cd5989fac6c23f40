using System.Collections.Concurrent;
using System.IO.Enumeration;
using Microsoft.Win32.SafeHandles;

namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// A share backed by a real directory of a Linux file system. Every path is jailed inside the root:
/// <see cref="SharePath"/> refuses "..", absolute paths and separators other than the backslash, and
/// each component is resolved to an existing directory entry checked with statx without following
/// links, so a symbolic link (anywhere in the path) is refused (AccessDenied) and never followed.
/// Names are matched ignoring case: an exact name wins, otherwise the first entry (in ordinal order)
/// equal to it ignoring case. Times and sizes come from the file system; DOS attributes other than
/// READONLY and a client-set creation or change time are kept in memory (see
/// <see cref="DirectoryEntryOverrides"/>). Namespace changes are serialised by one lock.
/// </summary>
public sealed class DirectoryShareStore : IShareStore
{
    private const long ClusterSize = InMemoryShareStore.ClusterSize;

    private static readonly EnumerationOptions AllEntries = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private readonly string rootDirectory;
    private readonly string label;
    private readonly SemaphoreSlim namespaceGate = new(1, 1);
    private readonly ConcurrentDictionary<ulong, DirectoryEntryOverrides> overrides = new();

    public DirectoryShareStore(string rootDirectory, string? label = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("DirectoryShareStore uses Linux system calls (statx, fallocate).");
        }

        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The share root '{full}' is not a directory.");
        }

        this.rootDirectory = full;
        this.label = label ?? Path.GetFileName(full);
    }

    public string RootDirectory => rootDirectory;

    public Task<StoreResult<FileEntry>> GetEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        StoreStatus status = Resolve(path, out ResolvedEntry entry);
        return Task.FromResult(status == StoreStatus.Success
            ? StoreResult<FileEntry>.Succeeded(ToEntry(entry))
            : StoreResult<FileEntry>.Failed(status));
    }

    public Task<StoreResult<FileEntry>> CreateFileAsync(
        string path, FileAttribute attributes = FileAttribute.None, CancellationToken cancellationToken = default) =>
        CreateAsync(path, attributes, isDirectory: false, cancellationToken);

    public Task<StoreResult<FileEntry>> CreateDirectoryAsync(
        string path, FileAttribute attributes = FileAttribute.None, CancellationToken cancellationToken = default) =>
        CreateAsync(path, attributes, isDirectory: true, cancellationToken);

    public async Task<StoreResult<int>> ReadAsync(
        string path, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            return StoreStatus.InvalidParameter;
        }

        StoreStatus status = ResolveFile(path, out ResolvedEntry entry);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        return await GuardAsync(async () =>
        {
            using SafeFileHandle handle = OpenData(entry.FullPath, FileAccess.Read);
            int total = 0;
            while (total < buffer.Length)
            {
                int read = await RandomAccess.ReadAsync(handle, buffer[total..], offset + total, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return StoreResult<int>.Succeeded(total);
        }).ConfigureAwait(false);
    }

    public async Task<StoreResult<int>> WriteAsync(
        string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (offset < 0 || offset > long.MaxValue - data.Length)
        {
            return StoreStatus.InvalidParameter;
        }

        StoreStatus status = ResolveFile(path, out ResolvedEntry entry);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        return await GuardAsync(async () =>
        {
            using SafeFileHandle handle = OpenData(entry.FullPath, FileAccess.Write);
            await RandomAccess.WriteAsync(handle, data, offset, cancellationToken);
            return StoreResult<int>.Succeeded(data.Length);
        }).ConfigureAwait(false);
    }

    public Task<StoreResult> SetEndOfFileAsync(string path, long endOfFile, CancellationToken cancellationToken = default)
    {
        if (endOfFile < 0)
        {
            return Task.FromResult<StoreResult>(StoreStatus.InvalidParameter);
        }

        StoreStatus status = ResolveFile(path, out ResolvedEntry entry);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult>(status);
        }

        return Task.FromResult(Guard(() =>
        {
            using SafeFileHandle handle = OpenData(entry.FullPath, FileAccess.Write);
            RandomAccess.SetLength(handle, endOfFile);
            return StoreStatus.Success;
        }));
    }

    public Task<StoreResult> SetAllocationSizeAsync(
        string path, long allocationSize, CancellationToken cancellationToken = default)
    {
        if (allocationSize < 0)
        {
            return Task.FromResult<StoreResult>(StoreStatus.InvalidParameter);
        }

        StoreStatus status = ResolveFile(path, out ResolvedEntry entry);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult>(status);
        }

        return Task.FromResult(Guard(() =>
        {
            using SafeFileHandle handle = OpenData(entry.FullPath, FileAccess.Write);
            return SetAllocation(handle, entry.Status, allocationSize);
        }));
    }

    public Task<StoreResult> SetBasicInformationAsync(
        string path, FileBasicInformationUpdate update, CancellationToken cancellationToken = default)
    {
        if (!update.HasValidTimes)
        {
            return Task.FromResult<StoreResult>(StoreStatus.InvalidParameter);
        }

        StoreStatus status = Resolve(path, out ResolvedEntry entry);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult>(status);
        }

        bool isDirectory = entry.Status.IsDirectory;
        if (update.Attributes is FileAttribute requested)
        {
            status = FileAttributeRules.CheckRequested(requested, isDirectory);
            if (status != StoreStatus.Success)
            {
                return Task.FromResult<StoreResult>(status);
            }
        }

        return Task.FromResult<StoreResult>(Guard(() =>
        {
            DirectoryEntryOverrides current = overrides.GetValueOrDefault(entry.Status.Inode) ?? new DirectoryEntryOverrides();
            if (update.Attributes is FileAttribute attributes)
            {
                FileAttribute kept = attributes & FileAttributeRules.Settable;
                if (!isDirectory)
                {
                    SetReadOnly(entry.FullPath, entry.Status, kept.HasFlag(FileAttribute.ReadOnly));
                    kept &= ~FileAttribute.ReadOnly;
                }

                current = current with { Attributes = kept };
            }

            if (update.LastAccessTime is long lastAccess)
            {
                SetTime(entry.FullPath, isDirectory, lastAccess, lastWrite: false);
            }

            if (update.LastWriteTime is long lastWrite)
            {
                SetTime(entry.FullPath, isDirectory, lastWrite, lastWrite: true);
            }

            if (update.CreationTime is long creation)
            {
                current = current with { CreationTime = creation };
            }

            if (update.ChangeTime is long change)
            {
                int error = UnixFileStatus.TryGet(entry.FullPath, out UnixFileStatus after);
                if (error != 0)
                {
                    return StoreStatus.ObjectNameNotFound;
                }

                current = current with { ChangeTime = change, ObservedChangeTime = after.ChangeTime };
            }

            overrides[entry.Status.Inode] = current;
            return StoreStatus.Success;
        }));
    }

    public Task<StoreResult<IReadOnlyList<FileEntry>>> ListDirectoryAsync(
        string path, string expression = "*", CancellationToken cancellationToken = default)
    {
        StoreStatus status = Resolve(path, out ResolvedEntry directory);
        if (status != StoreStatus.Success)
        {
            return Task.FromResult<StoreResult<IReadOnlyList<FileEntry>>>(status);
        }

        if (!directory.Status.IsDirectory)
        {
            return Task.FromResult<StoreResult<IReadOnlyList<FileEntry>>>(StoreStatus.NotADirectory);
        }

        var entries = new List<FileEntry>();
        foreach (string name in EnumerateNames(directory.FullPath)
                     .Order(StringComparer.OrdinalIgnoreCase).ThenBy(name => name, StringComparer.Ordinal))
        {
            // A name no SMB2 client could send back is left out, and so is anything but a file or directory.
            if (!SharePath.IsValidName(name) || !FileNameExpression.IsMatch(name, expression))
            {
                continue;
            }

            string full = Path.Join(directory.FullPath, name);
            if (UnixFileStatus.TryGet(full, out UnixFileStatus child) == 0 && (child.IsDirectory || child.IsRegularFile))
            {
                entries.Add(ToEntry(new ResolvedEntry(full, name, child)));
            }
        }

        return Task.FromResult(StoreResult<IReadOnlyList<FileEntry>>.Succeeded(entries));
    }

    public async Task<StoreResult> RenameAsync(
        string path, string newPath, bool replaceIfExists, CancellationToken cancellationToken = default)
    {
        var status = SharePath.TryParseRename(path, newPath, out var source, out var target);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        await namespaceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Guard(() => Rename(source, target, replaceIfExists));
        }
        finally
        {
            namespaceGate.Release();
        }
    }

    public Task<StoreResult> DeleteFileAsync(string path, CancellationToken cancellationToken = default) =>
        DeleteAsync(path, directory: false, cancellationToken);

    public Task<StoreResult> DeleteDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        DeleteAsync(path, directory: true, cancellationToken);

    public Task<VolumeInformation> GetVolumeInformationAsync(CancellationToken cancellationToken = default)
    {
        var drive = new DriveInfo(rootDirectory);
        UnixFileStatus.TryGet(rootDirectory, out UnixFileStatus root);
        return Task.FromResult(new VolumeInformation(
            TotalBytes: drive.TotalSize,
            FreeBytes: drive.AvailableFreeSpace,
            BytesPerSector: InMemoryShareStore.BytesPerSector,
            SectorsPerAllocationUnit: InMemoryShareStore.SectorsPerAllocationUnit,
            SerialNumber: VolumeSerialNumber.From(rootDirectory),
            Label: label,
            CreationTime: root.BirthTime ?? root.ChangeTime,
            FileSystemName: "NTFS",
            MaximumComponentNameLength: SharePath.MaximumComponentLength));
    }

    private async Task<StoreResult<FileEntry>> CreateAsync(
        string path, FileAttribute attributes, bool isDirectory, CancellationToken cancellationToken)
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

        await namespaceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            status = ResolveParent(parsed, out ResolvedEntry parent);
            if (status != StoreStatus.Success)
            {
                return status;
            }

            if (FindChild(parent.FullPath, parsed.Name) is not null)
            {
                return StoreStatus.ObjectNameCollision;
            }

            string full = Path.Join(parent.FullPath, parsed.Name);
            StoreResult made = Guard(() =>
            {
                if (isDirectory)
                {
                    Directory.CreateDirectory(full);
                }
                else
                {
                    File.OpenHandle(full, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete).Dispose();
                }

                return StoreStatus.Success;
            });
            if (!made.IsSuccess)
            {
                return made.Status;
            }

            if (UnixFileStatus.TryGet(full, out UnixFileStatus created) != 0)
            {
                return StoreStatus.ObjectNameNotFound;
            }

            FileAttribute stored = FileAttributeRules.ForNewEntry(attributes, isDirectory);
            if (!isDirectory && stored.HasFlag(FileAttribute.ReadOnly))
            {
                SetReadOnly(full, created, readOnly: true);
                stored &= ~FileAttribute.ReadOnly;
                UnixFileStatus.TryGet(full, out created);
            }

            overrides.TryRemove(created.Inode, out _);
            if (stored != DefaultAttributes(isDirectory))
            {
                overrides[created.Inode] = new DirectoryEntryOverrides(Attributes: stored);
            }

            return StoreResult<FileEntry>.Succeeded(ToEntry(new ResolvedEntry(full, parsed.Name, created)));
        }
        finally
        {
            namespaceGate.Release();
        }
    }

    private StoreResult Rename(SharePath source, SharePath target, bool replaceIfExists)
    {
        StoreStatus status = Resolve(source, out ResolvedEntry entry);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        status = ResolveParent(target, out ResolvedEntry newParent);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        bool isDirectory = entry.Status.IsDirectory;
        if (isDirectory && (newParent.FullPath == entry.FullPath || newParent.FullPath.StartsWith(entry.FullPath + "/", StringComparison.Ordinal)))
        {
            return StoreStatus.InvalidParameter;
        }

        string destination = Path.Join(newParent.FullPath, target.Name);
        string? existingName = FindChild(newParent.FullPath, target.Name);
        string? existingPath = existingName is null ? null : Path.Join(newParent.FullPath, existingName);
        if (existingPath is not null && existingPath != entry.FullPath)
        {
            if (!replaceIfExists)
            {
                return StoreStatus.ObjectNameCollision;
            }

            if (UnixFileStatus.TryGet(existingPath, out UnixFileStatus existing) != 0)
            {
                return StoreStatus.ObjectPathNotFound;
            }

            if (!existing.IsRegularFile)
            {
                return StoreStatus.AccessDenied;
            }

            // An exact name is replaced atomically by rename(2); a name differing in case is removed first.
            if (existingName != target.Name || isDirectory)
            {
                File.Delete(existingPath);
            }

            overrides.TryRemove(existing.Inode, out _);
        }

        if (destination == entry.FullPath)
        {
            return StoreResult.Success;
        }

        if (isDirectory)
        {
            Directory.Move(entry.FullPath, destination);
        }
        else
        {
            File.Move(entry.FullPath, destination, overwrite: replaceIfExists);
        }

        return StoreResult.Success;
    }

    private async Task<StoreResult> DeleteAsync(string path, bool directory, CancellationToken cancellationToken)
    {
        StoreStatus status = SharePath.TryParse(path, out SharePath parsed);
        if (status != StoreStatus.Success)
        {
            return status;
        }

        await namespaceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            status = Resolve(parsed, out ResolvedEntry entry);
            if (status != StoreStatus.Success)
            {
                return status;
            }

            if (entry.Status.IsDirectory != directory)
            {
                return directory ? StoreStatus.NotADirectory : StoreStatus.FileIsADirectory;
            }

            if (parsed.IsRoot)
            {
                return StoreStatus.AccessDenied;
            }

            if (directory && EnumerateNames(entry.FullPath).Any())
            {
                return StoreStatus.DirectoryNotEmpty;
            }

            return Guard(() =>
            {
                if (directory)
                {
                    Directory.Delete(entry.FullPath, recursive: false);
                }
                else
                {
                    File.Delete(entry.FullPath);
                }

                overrides.TryRemove(entry.Status.Inode, out _);
                return StoreStatus.Success;
            });
        }
        finally
        {
            namespaceGate.Release();
        }
    }

    private StoreStatus Resolve(string path, out ResolvedEntry entry)
    {
        StoreStatus status = SharePath.TryParse(path, out SharePath parsed);
        if (status != StoreStatus.Success)
        {
            entry = default;
            return status;
        }

        return Resolve(parsed, out entry);
    }

    /// <summary>
    /// Walks the path one component at a time from the root, each one an existing entry of the directory
    /// before it, checked without following links: the result is always inside the root.
    /// </summary>
    private StoreStatus Resolve(SharePath path, out ResolvedEntry entry)
    {
        entry = default;
        if (UnixFileStatus.TryGet(rootDirectory, out UnixFileStatus rootStatus) != 0 || !rootStatus.IsDirectory)
        {
            return StoreStatus.ObjectPathNotFound;
        }

        var current = new ResolvedEntry(rootDirectory, string.Empty, rootStatus);
        int last = path.Components.Count - 1;
        for (int i = 0; i <= last; i++)
        {
            if (!current.Status.IsDirectory)
            {
                return StoreStatus.NotADirectory;
            }

            StoreStatus notFound = i == last ? StoreStatus.ObjectNameNotFound : StoreStatus.ObjectPathNotFound;
            string? name = FindChild(current.FullPath, path.Components[i]);
            if (name is null)
            {
                return notFound;
            }

            string full = Path.Join(current.FullPath, name);
            if (UnixFileStatus.TryGet(full, out UnixFileStatus status) != 0)
            {
                return notFound;
            }

            if (!status.IsDirectory && !status.IsRegularFile)
            {
                return StoreStatus.AccessDenied;
            }

            current = new ResolvedEntry(full, name, status);
        }

        entry = current;
        return StoreStatus.Success;
    }

    private StoreStatus ResolveParent(SharePath path, out ResolvedEntry parent)
    {
        StoreStatus status = Resolve(path.Parent, out parent);
        if (status == StoreStatus.ObjectNameNotFound)
        {
            return StoreStatus.ObjectPathNotFound;
        }

        if (status == StoreStatus.Success && !parent.Status.IsDirectory)
        {
            return StoreStatus.NotADirectory;
        }

        return status;
    }

    private StoreStatus ResolveFile(string path, out ResolvedEntry entry)
    {
        StoreStatus status = Resolve(path, out entry);
        if (status == StoreStatus.Success && entry.Status.IsDirectory)
        {
            return StoreStatus.FileIsADirectory;
        }

        return status;
    }

    /// <summary>The on-disk name of the entry of <paramref name="directory"/> called <paramref name="name"/>, ignoring case.</summary>
    private static string? FindChild(string directory, string name)
    {
        if (UnixFileStatus.TryGet(Path.Join(directory, name), out _) == 0)
        {
            return name;
        }

        return EnumerateNames(directory)
            .Where(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static IEnumerable<string> EnumerateNames(string directory) =>
        new FileSystemEnumerable<string>(directory, (ref FileSystemEntry entry) => entry.FileName.ToString(), AllEntries);

    private FileEntry ToEntry(ResolvedEntry entry)
    {
        UnixFileStatus status = entry.Status;
        bool isDirectory = status.IsDirectory;
        DirectoryEntryOverrides? kept = overrides.GetValueOrDefault(status.Inode);
        FileAttribute attributes = kept?.Attributes ?? DefaultAttributes(isDirectory);
        if (!isDirectory && !status.IsOwnerWritable)
        {
            attributes |= FileAttribute.ReadOnly;
        }

        long size = isDirectory ? 0 : status.Size;
        long changeTime = kept?.ChangeTime is long change && kept.ObservedChangeTime == status.ChangeTime
            ? change
            : status.ChangeTime;
        return new FileEntry(
            entry.Name,
            isDirectory,
            size,
            isDirectory ? 0 : RoundUpToCluster(Math.Max(size, status.AllocatedBytes)),
            kept?.CreationTime ?? status.BirthTime ?? Math.Min(status.ChangeTime, status.ModificationTime),
            status.AccessTime,
            status.ModificationTime,
            changeTime,
            FileAttributeRules.Report(attributes, isDirectory),
            status.Inode);
    }

    private static FileAttribute DefaultAttributes(bool isDirectory) =>
        FileAttributeRules.ForNewEntry(FileAttribute.None, isDirectory);

    /// <summary>
    /// Below the end of file, truncates (MS-FSA 2.1.5.14.1). Otherwise drops any reservation past the end
    /// of file (truncating to the same size, which ext4 and others free blocks on; punching a hole past
    /// the end does not), then reserves up to the new allocation with fallocate keeping the size. A file
    /// system without fallocate keeps what it has.
    /// </summary>
    private static StoreResult SetAllocation(SafeFileHandle handle, UnixFileStatus status, long allocationSize)
    {
        long reserved = RoundUpToCluster(allocationSize);
        if (allocationSize < status.Size || status.AllocatedBytes > reserved)
        {
            RandomAccess.SetLength(handle, Math.Min(allocationSize, status.Size));
        }

        if (reserved > RoundUpToCluster(Math.Min(allocationSize, status.Size))
            && UnixNative.Fallocate((int)handle.DangerousGetHandle(), UnixNative.FallocateKeepSize, 0, reserved) != 0)
        {
            int error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (error is UnixNative.ENOSPC or UnixNative.EFBIG)
            {
                return StoreStatus.DiskFull;
            }
        }

        return StoreResult.Success;
    }

    /// <summary>A file's READONLY attribute is its write permission bits, so it lasts on disk.</summary>
    private static void SetReadOnly(string path, UnixFileStatus status, bool readOnly)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, status.WithReadOnly(readOnly));
        }
    }

    private static void SetTime(string path, bool isDirectory, long fileTime, bool lastWrite)
    {
        DateTime time = FileTime.ToDateTime(fileTime);
        switch ((isDirectory, lastWrite))
        {
            case (true, true):
                Directory.SetLastWriteTimeUtc(path, time);
                break;
            case (true, false):
                Directory.SetLastAccessTimeUtc(path, time);
                break;
            case (false, true):
                File.SetLastWriteTimeUtc(path, time);
                break;
            default:
                File.SetLastAccessTimeUtc(path, time);
                break;
        }
    }

    private static SafeFileHandle OpenData(string path, FileAccess access) =>
        File.OpenHandle(path, FileMode.Open, access, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);

    private static long RoundUpToCluster(long size) =>
        size > long.MaxValue - ClusterSize ? long.MaxValue : (size + ClusterSize - 1) / ClusterSize * ClusterSize;

    /// <summary>Maps the file system's failures that a racing change or a full disk can cause to store results.</summary>
    private static StoreResult Guard(Func<StoreResult> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception) when (Map(exception) is StoreStatus status)
        {
            return status;
        }
    }

    private static async Task<StoreResult<T>> GuardAsync<T>(Func<Task<StoreResult<T>>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (Map(exception) is StoreStatus status)
        {
            return status;
        }
    }

    private static StoreStatus? Map(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => StoreStatus.ObjectNameNotFound,
        UnauthorizedAccessException => StoreStatus.AccessDenied,
        IOException { HResult: UnixNative.ENOSPC or UnixNative.EFBIG } => StoreStatus.DiskFull,
        IOException { HResult: UnixNative.EEXIST } => StoreStatus.ObjectNameCollision,
        IOException { HResult: UnixNative.ENOTEMPTY } => StoreStatus.DirectoryNotEmpty,
        _ => null,
    };

    /// <summary>An entry found inside the root: its real path, its on-disk name and its status.</summary>
    private readonly record struct ResolvedEntry(string FullPath, string Name, UnixFileStatus Status);
}
