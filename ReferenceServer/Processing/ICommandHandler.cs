namespace Conformance.ReferenceServer.Processing;

/// <summary>Processes one SMB2 command (one class per command, MS-SMB2 3.3.5.x).</summary>
internal interface ICommandHandler
{
    /// <summary>The request needs a valid session (3.3.5.2.9), verified before the handler runs.</summary>
    bool RequiresSession { get; }

    /// <summary>The request needs a tree connect of that session (3.3.5.2.11), verified before the handler runs.</summary>
    bool RequiresTreeConnect { get; }

    Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken);
}
