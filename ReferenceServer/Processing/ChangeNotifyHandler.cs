using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 CHANGE_NOTIFY (3.3.5.19): goes async and stays pending until SMB2 CANCEL
/// (STATUS_CANCELLED) or the close of the directory (STATUS_NOTIFY_CLEANUP). This server does not
/// watch for changes yet, so no notification is ever reported.
/// </summary>
internal sealed class ChangeNotifyHandler : FileRequestHandler<ChangeNotifyRequest>
{

    protected override Smb2Command Command => Smb2Command.ChangeNotify;

    protected override FileId FileIdOf(ChangeNotifyRequest request) => request.FileId;

    protected override Task<Outcome> HandleAsync(RequestContext context, ChangeNotifyRequest request, Open open, CancellationToken cancellationToken)
    {
        if (!open.LocalOpen.IsDirectory || request.OutputBufferLength > context.Connection.MaxTransactSize)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        if ((open.GrantedAccess & AccessMask.FileReadData) == 0)
        {
            return Task.FromResult(Error(NtStatus.AccessDenied));
        }
        return Task.FromResult(Outcome.Pending(async cancel =>
        {
            var closed = new TaskCompletionSource();
            await using var registration = open.Closed.Token.Register(() => closed.TrySetResult());
            await closed.Task.WaitAsync(cancel).ConfigureAwait(false);
            // STATUS_NOTIFY_CLEANUP goes out as an ERROR Response (2.2.2), with the one ErrorData byte that ByteCount 0 requires.
            return Error(NtStatus.NotifyCleanup);
        }));
    }

}
