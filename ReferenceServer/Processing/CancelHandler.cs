using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 CANCEL (3.3.5.16): cancels the pending request named by AsyncId (async form) or MessageId
/// (sync form). No response of its own; the cancelled request completes with STATUS_CANCELLED.
/// </summary>
internal sealed class CancelHandler : ICommandHandler
{
    public bool RequiresSession => false;
    public bool RequiresTreeConnect => false;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var header = context.Header;
        Request? target = null;
        if (header.IsAsync)
        {
            context.Connection.AsyncCommandList.TryGetValue(header.AsyncId, out target);
        }
        else
        {
            context.Connection.RequestList.TryGetValue(header.MessageId, out target);
        }
        if (target is not null)
        {
            await target.Cancellation.CancelAsync().ConfigureAwait(false);
        }
        return Outcome.None;
    }
}
