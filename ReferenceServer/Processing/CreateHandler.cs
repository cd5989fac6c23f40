using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.Storage;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 CREATE (3.3.5.9, with the object store rules of MS-FSA 2.1.5.1): dispositions, directory and
/// non-directory options, access and sharing checks, DELETE_ON_CLOSE, and the MxAc and QFid create
/// contexts. Lease and durable handle contexts are not granted (no response context).
/// </summary>
internal sealed class CreateHandler : ICommandHandler
{
    private const CreateOptions ValidOptions = (CreateOptions)0x00FFFFFF;

    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = CreateRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Error(NtStatus.InvalidParameter);
        }
        var request = decoded.Value;
        var treeConnect = context.TreeConnect!;
        var share = treeConnect.Share;
        var options = request.CreateOptions;
        // 3.3.5.9: parameter validation.
        if (request.CreateDisposition > CreateDisposition.FileOverwriteIf || (options & ~ValidOptions) != 0
            || (options & (CreateOptions.FileDirectoryFile | CreateOptions.FileNonDirectoryFile)) == (CreateOptions.FileDirectoryFile | CreateOptions.FileNonDirectoryFile))
        {
            return Error(NtStatus.InvalidParameter);
        }
        if ((uint)request.ImpersonationLevel > 3)
        {
            return Error(NtStatus.BadImpersonationLevel);
        }
        if ((options & CreateOptions.FileOpenByFileId) != 0)
        {
            return Error(NtStatus.NotSupported);
        }
        var name = request.Name;
        if (name.StartsWith('\\'))
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (name.EndsWith("::$DATA", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^"::$DATA".Length];
        }
        if (share.Store is not { } store)
        {
            // IPC$: this server offers no named pipes.
            return Error(NtStatus.ObjectNameNotFound);
        }
        var desired = AccessMasks.Map(request.DesiredAccess);
        if ((request.DesiredAccess & AccessMask.AccessSystemSecurity) != 0)
        {
            return Error(NtStatus.PrivilegeNotHeld);
        }
        if ((options & CreateOptions.FileDeleteOnClose) != 0 && (desired & AccessMask.Delete) == 0)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (desired == AccessMask.None)
        {
            return Error(NtStatus.AccessDenied);
        }
        var disposition = request.CreateDisposition;
        await share.Files.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
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
                    return Error(NtStatus.ObjectNameCollision);
                }
                if (entry.IsDirectory && (options & CreateOptions.FileNonDirectoryFile) != 0)
                {
                    return Error(NtStatus.FileIsADirectory);
                }
                if (!entry.IsDirectory && (options & CreateOptions.FileDirectoryFile) != 0)
                {
                    return Error(NtStatus.NotADirectory);
                }
                var overwrite = disposition is CreateDisposition.FileOverwrite or CreateDisposition.FileOverwriteIf or CreateDisposition.FileSupersede;
                if (entry.IsDirectory && overwrite)
                {
                    return Error(NtStatus.InvalidParameter);
                }
                file = share.Files.GetOrAdd(entry.Name.Length == 0 ? "" : name, entry.IsDirectory);
                if (file.DeletePending)
                {
                    share.Files.RemoveIfUnused(file);
                    return Error(NtStatus.DeletePending);
                }
                // MS-FSA 2.1.5.1.2.1: a read-only file cannot be opened for writing or deletion on close.
                if ((entry.Attributes & FileAttribute.ReadOnly) != 0 && !entry.IsDirectory
                    && ((desired & (AccessMask.FileWriteData | AccessMask.FileAppendData)) != 0 || (options & CreateOptions.FileDeleteOnClose) != 0 || overwrite))
                {
                    share.Files.RemoveIfUnused(file);
                    return Error(NtStatus.AccessDenied);
                }
                if (!file.SharingAllows(desired, request.ShareAccess))
                {
                    share.Files.RemoveIfUnused(file);
                    return Error(NtStatus.SharingViolation);
                }
                if (overwrite)
                {
                    var truncated = await store.SetEndOfFileAsync(name, 0, cancellationToken).ConfigureAwait(false);
                    if (!truncated.IsSuccess)
                    {
                        share.Files.RemoveIfUnused(file);
                        return Error(truncated.Status.ToNtStatus());
                    }
                    var attributes = StoredAttributes(request.FileAttributes);
                    if (attributes is not null)
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
                    return Error(NtStatus.ObjectNameNotFound);
                }
                if ((request.FileAttributes & FileAttributes.Directory) != 0 && (options & CreateOptions.FileDirectoryFile) == 0)
                {
                    return Error(NtStatus.InvalidParameter);
                }
                var leaf = name[(name.LastIndexOf('\\') + 1)..];
                if (!SharePath.IsValidNewName(leaf))
                {
                    return Error(NtStatus.ObjectNameInvalid);
                }
                var attributes = StoredAttributes(request.FileAttributes) ?? FileAttribute.None;
                var created = (options & CreateOptions.FileDirectoryFile) != 0
                    ? await store.CreateDirectoryAsync(name, attributes, cancellationToken).ConfigureAwait(false)
                    : await store.CreateFileAsync(name, attributes | FileAttribute.Archive, cancellationToken).ConfigureAwait(false);
                if (!created.IsSuccess)
                {
                    return Error(created.Status.ToNtStatus());
                }
                entry = created.Value;
                action = CreateAction.FileCreated;
                file = share.Files.GetOrAdd(name, entry.IsDirectory);
            }
            else
            {
                return Error(existing.Status.ToNtStatus());
            }

            var session = context.Session!;
            var persistent = context.Server.NewFileId();
            var open = new Open(new FileId(persistent, persistent), session, treeConnect, context.Connection, file)
            {
                GrantedAccess = desired,
                ShareAccess = request.ShareAccess,
                CreateOptions = options,
                FileAttributes = FileInformation.Attributes(entry),
                DeleteOnClose = (options & CreateOptions.FileDeleteOnClose) != 0,
                ClientGuid = context.Connection.ClientGuid,
                OplockLevel = OplockLevel.None,
            };
            lock (file.Gate)
            {
                file.Opens.Add(open);
            }
            session.OpenTable[open.FileId.Volatile] = open;
            context.Server.GlobalOpenTable[open.FileId.Persistent] = open;
            Interlocked.Increment(ref treeConnect.OpenCount);
            context.ResultFileId = open.FileId;

            var response = new CreateResponse
            {
                OplockLevel = OplockLevel.None,
                CreateAction = action,
                CreationTime = (ulong)entry.CreationTime,
                LastAccessTime = (ulong)entry.LastAccessTime,
                LastWriteTime = (ulong)entry.LastWriteTime,
                ChangeTime = (ulong)entry.ChangeTime,
                AllocationSize = (ulong)entry.AllocationSize,
                EndofFile = (ulong)entry.EndOfFile,
                FileAttributes = FileInformation.Attributes(entry),
                FileId = open.FileId,
            };
            foreach (var createContext in request.CreateContexts)
            {
                if (createContext is CreateQueryMaximalAccessRequest)
                {
                    response.CreateContexts.Add(new CreateQueryMaximalAccessResponse { QueryStatus = NtStatus.Success, MaximalAccess = treeConnect.MaximalAccess });
                }
                else if (createContext is CreateQueryOnDiskIdRequest)
                {
                    var volume = await store.GetVolumeInformationAsync(cancellationToken).ConfigureAwait(false);
                    response.CreateContexts.Add(new CreateQueryOnDiskIdResponse { DiskFileId = entry.FileIndex, VolumeId = volume.SerialNumber });
                }
            }
            return Outcome.Success(response);
        }
        finally
        {
            share.Files.Lock.Release();
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

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.Create, status);
}
