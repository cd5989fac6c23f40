using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 ECHO (3.3.5.17).</summary>
internal sealed class EchoHandler : ICommandHandler
{
    public bool RequiresSession => false;
    public bool RequiresTreeConnect => false;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken) =>
        Task.FromResult(EchoRequest.Read(context.Bytes).IsSuccess
            ? Outcome.Success(new EchoResponse())
            : Outcome.Error(Smb2Command.Echo, NtStatus.InvalidParameter));
}
