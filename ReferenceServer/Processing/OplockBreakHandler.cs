using Conformance.Adapters.Wire;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 OPLOCK_BREAK acknowledgments (3.3.5.22): this server grants no oplocks or leases yet, so no
/// break is ever outstanding (STATUS_INVALID_OPLOCK_PROTOCOL, 3.3.5.22.1).
/// </summary>
internal sealed class OplockBreakHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Outcome.Error(Smb2Command.OplockBreak, NtStatus.InvalidOplockProtocol));
}
