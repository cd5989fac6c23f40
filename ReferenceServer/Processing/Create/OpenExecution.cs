using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.ObjectStore.Oplocks;
using Conformance.ReferenceServer.Storage;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The "Open Execution" phase of 3.3.5.9: the open in the object store (MS-FSA 2.1.5.1) with its
/// dispositions, directory and non-directory options, delete-pending and read-only rules, the sharing
/// check, and the oplock breaks an open causes (2.1.4.12): a batch oplock is broken before the sharing
/// check (so its holder may close first), any other after it. When a break must be acknowledged first,
/// nothing is opened and the phase says what to wait for; the CREATE runs it again afterwards.
/// </summary>
internal static class OpenExecution
{
    public static async Task<OpenExecutionResult> RunAsync(CreateOperation create, CancellationToken cancellationToken)
    {
        var oplockKey = create.OplockKey;
        var request = create.Request;
        var options = request.CreateOptions;
        var disposition = request.CreateDisposition;
        var desired = create.DesiredAccess;
        var name = create.PathName;
        var store = create.Store;
        var files = create.Share.Files;
        await files.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await store.GetEntryAsync(name, cancellationToken).ConfigureAwait(false);
            FileEntry entry;
            CreateAction action;
            LocalFile file;
            if (existing.IsSuccess)
            {
                entry = existing.Value;
                if (disposition == CreateDisposition.FileCreate)
                {
                    return OpenExecutionResult.Failed(NtStatus.ObjectNameCollision);
                }
                if (entry.IsDirectory && (options & CreateOptions.FileNonDirectoryFile) != 0)
                {
                    return OpenExecutionResult.Failed(NtStatus.FileIsADirectory);
                }
                if (!entry.IsDirectory && (options & CreateOptions.FileDirectoryFile) != 0)
                {
                    return OpenExecutionResult.Failed(NtStatus.NotADirectory);
                }
                var overwrite = disposition is CreateDisposition.FileOverwrite or CreateDisposition.FileOverwriteIf or CreateDisposition.FileSupersede;
                if (entry.IsDirectory && overwrite)
                {
                    return OpenExecutionResult.Failed(NtStatus.InvalidParameter);
                }
                file = files.GetOrAdd(entry.Name.Length == 0 ? "" : name, entry.IsDirectory);
                var refused = Refusal(file, entry, desired, options, overwrite);
                if (refused is null)
                {
                    var breaks = BreakRequest.Open(desired, disposition);
                    if (HasBatchOplock(file) && file.CheckForOplockBreak(null, oplockKey, breaks) is { IsCompleted: false } batchBreak)
                    {
                        files.RemoveIfUnused(file);
                        return OpenExecutionResult.WaitFor(batchBreak);
                    }
                    if (!Shares(file, desired, request.ShareAccess))
                    {
                        // MS-FSA 2.1.5.1.2: OPEN_BREAK_H first, so a holder caching its handle may close it.
                        if (HasHandleCaching(file, oplockKey) && file.CheckForOplockBreak(null, oplockKey, BreakRequest.OpenBreakHandle) is { IsCompleted: false } handleBreak)
                        {
                            files.RemoveIfUnused(file);
                            return OpenExecutionResult.WaitFor(handleBreak);
                        }
                        refused = NtStatus.SharingViolation;
                    }
                    else if (file.CheckForOplockBreak(null, oplockKey, breaks) is { IsCompleted: false } otherBreaks)
                    {
                        files.RemoveIfUnused(file);
                        return OpenExecutionResult.WaitFor(otherBreaks);
                    }
                }
                if (refused is { } status)
                {
                    files.RemoveIfUnused(file);
                    return OpenExecutionResult.Failed(status);
                }
                if (overwrite)
                {
                    var truncated = await store.SetEndOfFileAsync(name, 0, cancellationToken).ConfigureAwait(false);
                    if (!truncated.IsSuccess)
                    {
                        files.RemoveIfUnused(file);
                        return OpenExecutionResult.Failed(truncated.Status.ToNtStatus());
                    }
                    if (StoredAttributes(request.FileAttributes) is { } attributes)
                    {
                        await store.SetBasicInformationAsync(name, new FileBasicInformationUpdate(Attributes: attributes), cancellationToken).ConfigureAwait(false);
                    }
                    entry = (await store.GetEntryAsync(name, cancellationToken).ConfigureAwait(false)).Value;
                    action = disposition == CreateDisposition.FileSupersede ? CreateAction.FileSuperseded : CreateAction.FileOverwritten;
                }
                else
                {
                    action = CreateAction.FileOpened;
                }
            }
            else if (existing.Status == StoreStatus.ObjectNameNotFound)
            {
                if (disposition is CreateDisposition.FileOpen or CreateDisposition.FileOverwrite)
                {
                    return OpenExecutionResult.Failed(NtStatus.ObjectNameNotFound);
                }
                if ((request.FileAttributes & FileAttributes.Directory) != 0 && (options & CreateOptions.FileDirectoryFile) == 0)
                {
                    return OpenExecutionResult.Failed(NtStatus.InvalidParameter);
                }
                var leaf = name[(name.LastIndexOf('\\') + 1)..];
                if (!SharePath.IsValidNewName(leaf))
                {
                    return OpenExecutionResult.Failed(NtStatus.ObjectNameInvalid);
                }
                var attributes = StoredAttributes(request.FileAttributes) ?? FileAttribute.None;
                var created = (options & CreateOptions.FileDirectoryFile) != 0
                    ? await store.CreateDirectoryAsync(name, attributes, cancellationToken).ConfigureAwait(false)
                    : await store.CreateFileAsync(name, attributes | FileAttribute.Archive, cancellationToken).ConfigureAwait(false);
                if (!created.IsSuccess)
                {
                    return OpenExecutionResult.Failed(created.Status.ToNtStatus());
                }
                entry = created.Value;
                action = CreateAction.FileCreated;
                file = files.GetOrAdd(name, entry.IsDirectory);
                files.BreakParentOf(name, create.ParentOplockKey);
            }
            else
            {
                return OpenExecutionResult.Failed(existing.Status.ToNtStatus());
            }
            LocalOpen localOpen;
            lock (file.Gate)
            {
                localOpen = file.AddOpen(desired, request.ShareAccess, oplockKey, create.ParentOplockKey);
            }
            return OpenExecutionResult.Opened(localOpen, entry, action);
        }
        finally
        {
            files.Lock.Release();
        }
    }

    /// <summary>The MS-FSA 2.1.5.1.2 refusals of an existing file that need no oplock break: delete pending, read-only.</summary>
    private static uint? Refusal(LocalFile file, FileEntry entry, AccessMask desired, CreateOptions options, bool overwrite)
    {
        lock (file.Gate)
        {
            if (file.DeletePending)
            {
                return NtStatus.DeletePending;
            }
        }
        // MS-FSA 2.1.5.1.2.1: a read-only file cannot be opened for writing or deletion on close.
        if ((entry.Attributes & FileAttribute.ReadOnly) != 0 && !entry.IsDirectory
            && ((desired & (AccessMask.FileWriteData | AccessMask.FileAppendData)) != 0 || (options & CreateOptions.FileDeleteOnClose) != 0 || overwrite))
        {
            return NtStatus.AccessDenied;
        }
        return null;
    }

    private static bool HasBatchOplock(LocalFile file)
    {
        lock (file.Gate)
        {
            return file.Oplock.HasBatch;
        }
    }

    private static bool HasHandleCaching(LocalFile file, OplockKey? oplockKey)
    {
        lock (file.Gate)
        {
            return file.Oplock.HasHandleCachingOtherThan(oplockKey);
        }
    }

    private static bool Shares(LocalFile file, AccessMask desired, ShareAccess shareAccess)
    {
        lock (file.Gate)
        {
            return file.SharingAllows(desired, shareAccess);
        }
    }

    /// <summary>The attributes a store keeps of those a CREATE asks for; null when none is asked.</summary>
    private static FileAttribute? StoredAttributes(FileAttributes requested)
    {
        const FileAttribute kept = FileAttribute.ReadOnly | FileAttribute.Hidden | FileAttribute.System | FileAttribute.Archive
                                   | FileAttribute.Temporary | FileAttribute.Offline | FileAttribute.NotContentIndexed;
        var attributes = (FileAttribute)(uint)requested & kept;
        return attributes == FileAttribute.None ? null : attributes;
    }
}
