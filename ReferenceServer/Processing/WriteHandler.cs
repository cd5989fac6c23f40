using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 WRITE (3.3.5.13). An Offset of 0xFFFFFFFFFFFFFFFF appends at the end of file (MS-FSA 2.1.5.3).</summary>
internal sealed class WriteHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = WriteRequest.Read(context.Bytes);
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
        if (request.Data.Length > context.Connection.MaxWriteSize)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (open.IsPipe)
        {
            return Error(NtStatus.PipeBroken);
        }
        if (open.LocalOpen.IsDirectory)
        {
            return Error(NtStatus.InvalidDeviceRequest);
        }
        if ((open.GrantedAccess & (AccessMask.FileWriteData | AccessMask.FileAppendData)) == 0)
        {
            return Error(NtStatus.AccessDenied);
        }
        var store = open.TreeConnect!.Share.Store!;
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

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.Write, status);
}
