using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 LOGOFF (3.3.5.6): ends the session, keeping its durable and resilient opens for a reconnect; the response is still signed with its key.</summary>
internal sealed class LogoffHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => false;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        if (!LogoffRequest.Read(context.Bytes).IsSuccess)
        {
            return Outcome.Error(Smb2Command.Logoff, NtStatus.InvalidParameter);
        }
        Events.SessionClosedNotification.SendToOtherChannels(context.Runtime, context.Session!, context.Connection);
        await SessionTeardown.RunAsync(context.Runtime, context.Session!, TeardownReason.Logoff).ConfigureAwait(false);
        return Outcome.Success(new LogoffResponse());
    }
}
