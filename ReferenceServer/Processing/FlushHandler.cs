using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 FLUSH (3.3.5.11): the stores write through, so a flush only checks the open and its access.</summary>
internal sealed class FlushHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = FlushRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.Flush, NtStatus.InvalidParameter));
        }
        var lookup = context.LookupOpen(decoded.Value.FileId);
        if (lookup.Open is not { } open)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.Flush, lookup.Status));
        }
        if (!open.LocalOpen.IsDirectory && (open.GrantedAccess & (AccessMask.FileWriteData | AccessMask.FileAppendData)) == 0)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.Flush, NtStatus.AccessDenied));
        }
        return Task.FromResult(Outcome.Success(new FlushResponse()));
    }
}
