using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 FLUSH (3.3.5.11): the stores write through, so a flush only checks the open and its access.</summary>
internal sealed class FlushHandler : FileRequestHandler<FlushRequest>
{

    protected override Smb2Command Command => Smb2Command.Flush;

    protected override FileId FileIdOf(FlushRequest request) => request.FileId;

    protected override Task<Outcome> HandleAsync(RequestContext context, FlushRequest request, Open open, CancellationToken cancellationToken)
    {
        if (!open.LocalOpen.IsDirectory && (open.GrantedAccess & (AccessMask.FileWriteData | AccessMask.FileAppendData)) == 0)
        {
            return Task.FromResult(Error(NtStatus.AccessDenied));
        }
        return Task.FromResult(Outcome.Success(new FlushResponse()));
    }
}
