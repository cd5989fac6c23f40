using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// Runs an operation of an open once the oplock breaks it causes (MS-FSA 2.1.4.12) no longer hold it
/// up: at once when no break needs an acknowledgment first, else asynchronously (3.3.4.2: an interim
/// response, the connection reading on) after the acknowledgments or the acknowledgment timer. The
/// check is made again after each wait, since the holder may have broken further or closed meanwhile.
/// </summary>
internal static class OplockBreakWait
{
    public static Task<Outcome> AfterBreaksAsync(Open open, BreakRequest request, Func<CancellationToken, Task<Outcome>> operation, CancellationToken cancellationToken)
    {
        var wait = open.LocalOpen.File.CheckForOplockBreak(open.LocalOpen, null, request);
        if (wait.IsCompleted)
        {
            return operation(cancellationToken);
        }
        return Task.FromResult(Outcome.Pending(async cancel =>
        {
            while (!wait.IsCompleted)
            {
                await wait.WaitAsync(cancel).ConfigureAwait(false);
                wait = open.LocalOpen.File.CheckForOplockBreak(open.LocalOpen, null, request);
            }
            return await operation(cancel).ConfigureAwait(false);
        }));
    }
}
