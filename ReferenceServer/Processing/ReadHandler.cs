using System.Buffers;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 READ (3.3.5.12): STATUS_END_OF_FILE at or past the end and below MinimumCount.</summary>
internal sealed class ReadHandler : FileRequestHandler<ReadRequest>
{

    protected override Smb2Command Command => Smb2Command.Read;

    protected override FileId FileIdOf(ReadRequest request) => request.FileId;

    protected override async Task<Outcome> HandleAsync(RequestContext context, ReadRequest request, Open open, CancellationToken cancellationToken)
    {
        if (request.Length > context.Connection.MaxReadSize)
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
        if ((open.GrantedAccess & (AccessMask.FileReadData | AccessMask.FileExecute)) == 0)
        {
            return Error(NtStatus.AccessDenied);
        }
        if (request.Offset > long.MaxValue)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (LockHandler.Conflicts(open, request.Offset, request.Length, write: false))
        {
            return Error(NtStatus.FileLockConflict);
        }
        // Only the bytes the store fills (read.Value) are sent, so a pooled buffer will do; it goes back
        // to the pool once the response is sent (it may be sent from where it is). A fresh
        // megabyte per READ would cost more in page faults than the read itself.
        var buffer = ArrayPool<byte>.Shared.Rent((int)request.Length);
        var handedOver = false;
        try
        {
            var read = await open.Share.Store!.ReadAsync(open.LocalOpen.Path, (long)request.Offset, buffer.AsMemory(0, (int)request.Length), cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return Error(read.Status.ToNtStatus());
            }
            // MS-FSA 2.1.5.2: nothing at or past the end of file; SMB2 3.3.5.12: fewer bytes than MinimumCount.
            if ((read.Value == 0 && request.Length > 0) || read.Value < request.MinimumCount)
            {
                return Error(NtStatus.EndOfFile);
            }
            handedOver = true;
            return Outcome.Success(new ReadResponse { Data = buffer.AsMemory(0, read.Value) })
                .WithOnSent(() => ArrayPool<byte>.Shared.Return(buffer));
        }
        finally
        {
            if (!handedOver)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

}
