using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Storage;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 SET_INFO (3.3.5.21; MS-FSA 2.1.5.14): basic, rename, disposition, position, mode, allocation
/// and end-of-file information. Filesystem, security and quota information cannot be set here.
/// </summary>
internal sealed class SetInfoHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = SetInfoRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Error(NtStatus.InvalidParameter);
        }
        var request = decoded.Value;
        var lookup = context.LookupOpen(request.FileId);
        if (lookup.Open is not { } open)
        {
            return Error(lookup.Status);
        }
        if (request.Buffer.Length > context.Connection.MaxTransactSize)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (request.InfoType != InfoType.File)
        {
            return Error(request.InfoType is InfoType.FileSystem or InfoType.Security or InfoType.Quota ? NtStatus.NotSupported : NtStatus.InvalidParameter);
        }
        if (open.TreeConnect!.Share.Store is not { } store)
        {
            return Error(NtStatus.NotSupported);
        }
        var buffer = request.Buffer;
        var status = (FileInformationClass)request.FileInfoClass switch
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
        var file = open.LocalOpen;
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
        var share = open.TreeConnect!.Share;
        var file = open.LocalOpen;
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
            share.Files.Rename(file, target);
            return NtStatus.Success;
        }
        finally
        {
            share.Files.Lock.Release();
        }
    }

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.SetInfo, status);
}
