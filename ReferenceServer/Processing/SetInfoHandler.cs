using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;
using Conformance.ReferenceServer.Storage;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 SET_INFO (3.3.5.21; MS-FSA 2.1.5.14): basic, rename, disposition, position, mode, allocation
/// and end-of-file information. Filesystem, security and quota information cannot be set here. A new
/// size, a rename and a delete disposition first break other opens' oplocks (and may wait for that).
/// </summary>
internal sealed class SetInfoHandler : FileRequestHandler<SetInfoRequest>
{
    protected override Smb2Command Command => Smb2Command.SetInfo;

    protected override FileId FileIdOf(SetInfoRequest request) => request.FileId;

    protected override Task<Outcome> HandleAsync(RequestContext context, SetInfoRequest request, Open open, CancellationToken cancellationToken)
    {
        if (request.Buffer.Length > context.Connection.MaxTransactSize)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        if (request.InfoType != InfoType.File)
        {
            return Task.FromResult(Error(request.InfoType is InfoType.FileSystem or InfoType.Security or InfoType.Quota ? NtStatus.NotSupported : NtStatus.InvalidParameter));
        }
        if (open.Share.Store is not { } store)
        {
            return Task.FromResult(Error(NtStatus.NotSupported));
        }
        var infoClass = (FileInformationClass)request.FileInfoClass;
        var breaks = BreaksOf(infoClass, open, request.Buffer);
        return breaks.BreaksAnything
            ? OplockBreakWait.AfterBreaksAsync(open, breaks, cancel => SetAsync(open, store, infoClass, request.Buffer, cancel), cancellationToken)
            : SetAsync(open, store, infoClass, request.Buffer, cancellationToken);
    }

    /// <summary>
    /// What setting <paramref name="infoClass"/> breaks (MS-FSA 2.1.5.14): a new size as a write does,
    /// a rename handle caching and a batch oplock, a delete disposition handle caching. Only once the
    /// request would be allowed: a refused one breaks nothing.
    /// </summary>
    private static BreakRequest BreaksOf(FileInformationClass infoClass, Open open, ReadOnlyMemory<byte> buffer) => infoClass switch
    {
        FileInformationClass.FileEndOfFileInformation or FileInformationClass.FileAllocationInformation
            when (open.GrantedAccess & AccessMask.FileWriteData) != 0 && !open.LocalOpen.IsDirectory => BreakRequest.Write,
        FileInformationClass.FileRenameInformation when (open.GrantedAccess & AccessMask.Delete) != 0 => BreakRequest.Rename,
        FileInformationClass.FileDispositionInformation when (open.GrantedAccess & AccessMask.Delete) != 0
            && FileDispositionInformation.Read(buffer) is { IsSuccess: true, Value.DeletePending: true } => BreakRequest.Delete,
        _ => BreakRequest.Nothing,
    };

    private async Task<Outcome> SetAsync(Open open, IShareStore store, FileInformationClass infoClass, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var status = infoClass switch
        {
            FileInformationClass.FileBasicInformation => await SetBasicAsync(open, store, buffer, cancellationToken).ConfigureAwait(false),
            FileInformationClass.FileRenameInformation => await RenameAsync(open, store, buffer, cancellationToken).ConfigureAwait(false),
            FileInformationClass.FileDispositionInformation => await SetDispositionAsync(open, store, buffer, cancellationToken).ConfigureAwait(false),
            FileInformationClass.FilePositionInformation => FilePositionInformation.Read(buffer).IsSuccess ? NtStatus.Success : NtStatus.InfoLengthMismatch,
            FileInformationClass.FileModeInformation => FileModeInformation.Read(buffer).IsSuccess ? NtStatus.Success : NtStatus.InfoLengthMismatch,
            FileInformationClass.FileAllocationInformation => await SetAllocationAsync(open, store, buffer, cancellationToken).ConfigureAwait(false),
            FileInformationClass.FileEndOfFileInformation => await SetEndOfFileAsync(open, store, buffer, cancellationToken).ConfigureAwait(false),
            var other => Enum.IsDefined(other) ? NtStatus.NotSupported : NtStatus.InvalidInfoClass,
        };
        return status == NtStatus.Success ? Outcome.Success(new SetInfoResponse()) : Error(status);
    }

    private static async Task<uint> SetBasicAsync(Open open, IShareStore store, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var decoded = FileBasicInformation.Read(buffer);
        if (!decoded.IsSuccess)
        {
            return NtStatus.InfoLengthMismatch;
        }
        if ((open.GrantedAccess & AccessMask.FileWriteAttributes) == 0)
        {
            return NtStatus.AccessDenied;
        }
        var basic = decoded.Value;
        var attributes = (FileAttributes)basic.FileAttributes;
        if ((attributes & FileAttributes.Directory) != 0 && !open.LocalOpen.IsDirectory)
        {
            return NtStatus.InvalidParameter;
        }
        // MS-FSA 2.1.5.14.2: 0 leaves a time unchanged; -1 and -2 (stop/resume automatic updates) change nothing here.
        static long? Time(long value) => value is 0 or -1 or -2 ? null : value;
        if (basic.CreationTime < -2 || basic.LastAccessTime < -2 || basic.LastWriteTime < -2 || basic.ChangeTime < -2)
        {
            return NtStatus.InvalidParameter;
        }
        var stored = (FileAttribute)(uint)(attributes & ~(FileAttributes.Directory | FileAttributes.Normal));
        var update = new FileBasicInformationUpdate(Time(basic.CreationTime), Time(basic.LastAccessTime), Time(basic.LastWriteTime), Time(basic.ChangeTime),
            basic.FileAttributes == 0 ? null : stored);
        return (await store.SetBasicInformationAsync(open.LocalOpen.Path, update, cancellationToken).ConfigureAwait(false)).Status.ToNtStatus();
    }

    private static Task<uint> SetEndOfFileAsync(Open open, IShareStore store, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var decoded = FileEndOfFileInformation.Read(buffer);
        return SetSizeAsync(open, decoded.IsSuccess ? decoded.Value.EndOfFile : null,
            (path, size) => store.SetEndOfFileAsync(path, size, cancellationToken));
    }

    private static Task<uint> SetAllocationAsync(Open open, IShareStore store, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var decoded = FileAllocationInformation.Read(buffer);
        return SetSizeAsync(open, decoded.IsSuccess ? decoded.Value.AllocationSize : null,
            (path, size) => store.SetAllocationSizeAsync(path, size, cancellationToken));
    }

    /// <summary>End of file and allocation size alike: a readable size, write access, a file rather than a directory.</summary>
    private static async Task<uint> SetSizeAsync(Open open, long? size, Func<string, long, Task<StoreResult>> apply)
    {
        if (size is not { } value)
        {
            return NtStatus.InfoLengthMismatch;
        }
        if ((open.GrantedAccess & AccessMask.FileWriteData) == 0)
        {
            return NtStatus.AccessDenied;
        }
        if (open.LocalOpen.IsDirectory)
        {
            return NtStatus.InvalidParameter;
        }
        return (await apply(open.LocalOpen.Path, value).ConfigureAwait(false)).Status.ToNtStatus();
    }

    /// <summary>MS-FSA 2.1.5.14.3: marks the file delete-pending; a non-empty directory cannot be.</summary>
    private static async Task<uint> SetDispositionAsync(Open open, IShareStore store, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var decoded = FileDispositionInformation.Read(buffer);
        if (!decoded.IsSuccess)
        {
            return NtStatus.InfoLengthMismatch;
        }
        if ((open.GrantedAccess & AccessMask.Delete) == 0)
        {
            return NtStatus.AccessDenied;
        }
        var file = open.LocalOpen.File;
        if (decoded.Value.DeletePending)
        {
            if (file.Path.Length == 0)
            {
                return NtStatus.AccessDenied;
            }
            var entry = await store.GetEntryAsync(file.Path, cancellationToken).ConfigureAwait(false);
            if (entry.IsSuccess && (entry.Value.Attributes & FileAttribute.ReadOnly) != 0)
            {
                return 0xC0000121; // STATUS_CANNOT_DELETE
            }
            if (file.IsDirectory)
            {
                var children = await store.ListDirectoryAsync(file.Path, "*", cancellationToken).ConfigureAwait(false);
                if (children.IsSuccess && children.Value.Count > 0)
                {
                    return NtStatus.DirectoryNotEmpty;
                }
            }
        }
        lock (file.Gate)
        {
            file.DeletePending = decoded.Value.DeletePending;
        }
        return NtStatus.Success;
    }

    /// <summary>MS-FSA 2.1.5.14.11: the target is a path from the share root; opens below a renamed directory forbid it.</summary>
    private static async Task<uint> RenameAsync(Open open, IShareStore store, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var decoded = FileRenameInformation.Read(buffer);
        if (!decoded.IsSuccess)
        {
            return NtStatus.InvalidParameter;
        }
        if ((open.GrantedAccess & AccessMask.Delete) == 0)
        {
            return NtStatus.AccessDenied;
        }
        var rename = decoded.Value;
        if (rename.RootDirectory != 0)
        {
            return NtStatus.InvalidParameter;
        }
        var target = rename.FileName.TrimStart('\\');
        if (target.Contains(':'))
        {
            return NtStatus.NotSupported;
        }
        var share = open.Share;
        var file = open.LocalOpen.File;
        await share.Files.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (file.IsDirectory && share.Files.HasOpensBelow(file.Path))
            {
                return NtStatus.AccessDenied;
            }
            var existingTarget = share.Files.Find(target);
            if (existingTarget is not null && existingTarget != file)
            {
                return rename.ReplaceIfExists ? NtStatus.AccessDenied : NtStatus.ObjectNameCollision;
            }
            var leaf = target[(target.LastIndexOf('\\') + 1)..];
            if (!SharePath.IsValidNewName(leaf))
            {
                return NtStatus.ObjectNameInvalid;
            }
            var result = await store.RenameAsync(file.Path, target, rename.ReplaceIfExists, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Status.ToNtStatus();
            }
            var source = file.Path;
            share.Files.Rename(file, target);
            // The directories losing and gaining the name break their leases (MS-FSA 2.1.5.14.11, PARENT_OBJECT).
            share.Files.BreakParentOf(source, open.LocalOpen.ParentOplockKey);
            share.Files.BreakParentOf(target, open.LocalOpen.ParentOplockKey);
            return NtStatus.Success;
        }
        finally
        {
            share.Files.Lock.Release();
        }
    }

}
