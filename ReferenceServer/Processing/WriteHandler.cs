using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 WRITE (3.3.5.13). An Offset of 0xFFFFFFFFFFFFFFFF appends at the end of file (MS-FSA 2.1.5.3).</summary>
internal sealed class WriteHandler : FileRequestHandler<WriteRequest>
{

    protected override Smb2Command Command => Smb2Command.Write;

    protected override FileId FileIdOf(WriteRequest request) => request.FileId;

    protected override Task<Outcome> HandleAsync(RequestContext context, WriteRequest request, Open open, CancellationToken cancellationToken)
    {
        if (request.Data.Length > context.Connection.MaxWriteSize)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        if (open.IsPipe)
        {
            return Task.FromResult(Error(NtStatus.PipeBroken));
        }
        if (open.LocalOpen.IsDirectory)
        {
            return Task.FromResult(Error(NtStatus.InvalidDeviceRequest));
        }
        if ((open.GrantedAccess & (AccessMask.FileWriteData | AccessMask.FileAppendData)) == 0)
        {
            return Task.FromResult(Error(NtStatus.AccessDenied));
        }
        // MS-FSA 2.1.5.3: a write breaks other opens' oplocks (level II to none, without waiting).
        return OplockBreakWait.AfterBreaksAsync(open, BreakRequest.Write, cancel => WriteAsync(open, request, cancel), cancellationToken);
    }

    private async Task<Outcome> WriteAsync(Open open, WriteRequest request, CancellationToken cancellationToken)
    {
        var store = open.Share.Store!;
        long offset;
        if (request.Offset == ulong.MaxValue)
        {
            var entry = await store.GetEntryAsync(open.LocalOpen.Path, cancellationToken).ConfigureAwait(false);
            if (!entry.IsSuccess)
            {
                return Error(entry.Status.ToNtStatus());
            }
            offset = entry.Value.EndOfFile;
        }
        else if (request.Offset > long.MaxValue - (ulong)request.Data.Length)
        {
            return Error(NtStatus.InvalidParameter);
        }
        else
        {
            offset = (long)request.Offset;
        }
        if (LockHandler.Conflicts(open, (ulong)offset, (ulong)request.Data.Length, write: true))
        {
            return Error(NtStatus.FileLockConflict);
        }
        var written = await store.WriteAsync(open.LocalOpen.Path, offset, request.Data, cancellationToken).ConfigureAwait(false);
        if (!written.IsSuccess)
        {
            return Error(written.Status.ToNtStatus());
        }
        return Outcome.Success(new WriteResponse { Count = (uint)written.Value });
    }

}
