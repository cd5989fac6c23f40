using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// The prelude every command that names an open shares (3.3.5.x: "locate the open … If no open is
/// found … STATUS_FILE_CLOSED"): decode the request (a malformed one is STATUS_INVALID_PARAMETER),
/// optionally validate it, look the open up (related compounds substitute the previous FileId,
/// 3.3.5.2.7.2; the channel sequence is verified, 3.3.5.2.10), then the command's own processing.
/// </summary>
internal abstract class FileRequestHandler<TRequest> : ICommandHandler where TRequest : class, IMessageBody<TRequest>
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    protected abstract Smb2Command Command { get; }

    protected abstract FileId FileIdOf(TRequest request);

    /// <summary>A check the clause makes before it locates the open; a status to fail with, or null to go on.</summary>
    protected virtual uint? ValidateBeforeLookup(RequestContext context, TRequest request) => null;

    protected abstract Task<Outcome> HandleAsync(RequestContext context, TRequest request, Open open, CancellationToken cancellationToken);

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = TRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        var request = decoded.Value;
        if (ValidateBeforeLookup(context, request) is { } invalid)
        {
            return Task.FromResult(Error(invalid));
        }
        var lookup = context.LookupOpen(FileIdOf(request));
        return lookup.Open is { } open ? HandleAsync(context, request, open, cancellationToken) : Task.FromResult(Error(lookup.Status));
    }

    protected Outcome Error(uint status) => Outcome.Error(Command, status);
}
