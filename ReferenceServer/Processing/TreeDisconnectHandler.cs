using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 TREE_DISCONNECT (3.3.5.8): closes the tree connect's opens and forgets it.</summary>
internal sealed class TreeDisconnectHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        if (!TreeDisconnectRequest.Read(context.Bytes).IsSuccess)
        {
            return Outcome.Error(Smb2Command.TreeDisconnect, NtStatus.InvalidParameter);
        }
        var treeConnect = context.TreeConnect!;
        await OpenCloser.CloseAllAsync(context.Server, context.Session!, treeConnect).ConfigureAwait(false);
        context.Session!.TreeConnectTable.TryRemove(treeConnect.TreeId, out _);
        return Outcome.Success(new TreeDisconnectResponse());
    }
}
