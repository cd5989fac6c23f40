using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 CHANGE_NOTIFY (3.3.5.19): goes async and stays pending until SMB2 CANCEL
/// (STATUS_CANCELLED) or the close of the directory (STATUS_NOTIFY_CLEANUP). This server does not
/// watch for changes yet, so no notification is ever reported.
/// </summary>
internal sealed class ChangeNotifyHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = ChangeNotifyRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        var lookup = context.LookupOpen(decoded.Value.FileId);
        if (lookup.Open is not { } open)
        {
            return Task.FromResult(Error(lookup.Status));
        }
        if (!open.LocalOpen.IsDirectory || decoded.Value.OutputBufferLength > context.Connection.MaxTransactSize)
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
            return Outcome.WithStatus(NtStatus.NotifyCleanup, new ChangeNotifyResponse());
        }));
    }

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.ChangeNotify, status);
}
