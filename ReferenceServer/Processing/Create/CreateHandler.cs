using Conformance.Adapters.Wire;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// SMB2 CREATE (3.3.5.9) as its phases, each in a file of its own: validation
/// (<see cref="CreateValidation"/>), the open in the object store (<see cref="OpenExecution"/>, which
/// may break other opens' oplocks and then has the CREATE wait asynchronously), the open's
/// initialization (<see cref="SuccessfulOpenInitialization"/>), the oplock (<see cref="OplockAcquisition"/>)
/// or lease (<see cref="LeaseAcquisition"/>, 3.3.5.9.8 and 3.3.5.9.11, whose lease lookup is part of
/// validation) and the response (<see cref="ResponseConstruction"/>). A durable reconnect
/// (<see cref="DurableReconnect"/>, 3.3.5.9.7, 3.3.5.9.12) skips the open; a DH2Q naming a known
/// CreateGuid is answered by <see cref="DurableCreateReplay"/> (3.3.5.9.10); an app instance id closes
/// the instance's older open first (<see cref="AppInstanceHandling"/>, 3.3.5.9.13); durability is
/// given in <see cref="DurableOpenInitialization"/> (3.3.5.9.6, 3.3.5.9.10).
/// </summary>
internal sealed class CreateHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var (create, status) = CreateValidation.Validate(context);
        if (create is null)
        {
            return Outcome.Error(Smb2Command.Create, status);
        }
        if (create.Durable.IsReconnect)
        {
            return await DurableReconnect.RunAsync(create, cancellationToken).ConfigureAwait(false);
        }
        if (await DurableCreateReplay.RunAsync(create, cancellationToken).ConfigureAwait(false) is { } replayed)
        {
            return replayed;
        }
        await AppInstanceHandling.RunAsync(create).ConfigureAwait(false);
        // A DH2Q CREATE in progress, here or waiting on a break, has no open yet: a replay of it is refused
        // until it completes (DurableCreateReplay). It counts from before the open, whose breaks the client may see first.
        var pending = create.Durable.V2 is { } v2 && create.Durable.AsksDurability(create.Request, create.LeaseRequest)
            && context.Server.PendingDurableCreates.TryAdd((context.Connection.ClientGuid, v2.CreateGuid), 0)
            ? (context.Connection.ClientGuid, v2.CreateGuid)
            : ((Guid, Guid)?)null;
        var wentAsync = false;
        try
        {
            var opened = await OpenExecution.RunAsync(create, cancellationToken).ConfigureAwait(false);
            if (opened.MustWaitFor is { } breaks)
            {
                // 3.3.4.2: a create blocked by an oplock break goes async; the connection reads on, so the
                // acknowledgment can arrive even on this connection.
                wentAsync = true;
                return Outcome.Pending(cancel => OpenAfterBreaksAsync(create, breaks, pending, cancel));
            }
            return await CompleteAsync(create, opened, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!wentAsync)
            {
                EndPending(create, pending);
            }
        }
    }

    private static void EndPending(CreateOperation create, (Guid, Guid)? pending)
    {
        if (pending is { } key)
        {
            create.Context.Server.PendingDurableCreates.TryRemove(key, out _);
        }
    }

    private static async Task<Outcome> OpenAfterBreaksAsync(CreateOperation create, Task breaks, (Guid, Guid)? pending, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenWhenBrokenAsync(create, breaks, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EndPending(create, pending);
        }
    }

    private static async Task<Outcome> OpenWhenBrokenAsync(CreateOperation create, Task breaks, CancellationToken cancellationToken)
    {
        OpenExecutionResult opened;
        do
        {
            await breaks.WaitAsync(cancellationToken).ConfigureAwait(false);
            opened = await OpenExecution.RunAsync(create, cancellationToken).ConfigureAwait(false);
            breaks = opened.MustWaitFor ?? Task.CompletedTask;
        }
        while (opened.MustWaitFor is not null);
        return await CompleteAsync(create, opened, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Outcome> CompleteAsync(CreateOperation create, OpenExecutionResult opened, CancellationToken cancellationToken)
    {
        if (opened.LocalOpen is null)
        {
            return Outcome.Error(Smb2Command.Create, opened.Status);
        }
        var open = SuccessfulOpenInitialization.Run(create, opened);
        DurableOpenInitialization.Run(create, open, opened.Entry!.IsDirectory);
        if (create.LeaseRequest is not null)
        {
            LeaseAcquisition.Run(create, open, opened.Entry!.IsDirectory);
        }
        else
        {
            OplockAcquisition.Run(create, open);
        }
        return await ResponseConstruction.BuildAsync(create, open, opened, cancellationToken).ConfigureAwait(false);
    }
}
