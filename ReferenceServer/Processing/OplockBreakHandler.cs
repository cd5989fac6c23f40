using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 OPLOCK_BREAK acknowledgments (3.3.5.22): a 36-byte one on a 2.1 or 3.x connection is a lease
/// acknowledgment (3.3.5.22.2, <see cref="LeaseAcknowledgment"/>), any other an oplock acknowledgment
/// (3.3.5.22.1, <see cref="OplockAcknowledgment"/>).
/// </summary>
internal sealed class OplockBreakHandler : ICommandHandler
{
    private readonly OplockAcknowledgment oplock = new();

    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var span = context.Bytes.Span;
        var isLeaseForm = span.Length >= Smb2Header.Size + 2 && span.U16(Smb2Header.Size) == LeaseBreakStructure.DefaultStructureSize
            && context.Connection.Dialect is not (null or Dialect.Smb202);
        return isLeaseForm ? Task.FromResult(LeaseAcknowledgment.Process(context)) : oplock.HandleAsync(context, cancellationToken);
    }
}
