using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Timers;

/// <summary>
/// A scavenger of disconnected opens: the durable open scavenger timer (3.3.2.2, its event 3.3.6.2)
/// and the resilient open scavenger timer (3.3.2.4, 3.3.6.4) are two of these. Started when such an
/// open loses its connection; when it expires, every open of its kind still disconnected past its
/// timeout is closed (3.3.4.17), and the timer is restarted for the next one.
/// </summary>
internal sealed class OpenScavengerTimer : IDisposable
{
    private readonly Server server;
    private readonly Func<Open, DateTimeOffset?> timeoutOf;
    private readonly ServerTimer timer;

    /// <param name="timeoutOf">The open's scavenger time-out when it is of the timer's kind (durable, resilient), else null.</param>
    public OpenScavengerTimer(string name, Server server, Func<Open, DateTimeOffset?> timeoutOf, Action<string>? log)
    {
        this.server = server;
        this.timeoutOf = timeoutOf;
        timer = new ServerTimer(name, server.Clock, ExpireAsync, log);
    }

    /// <summary>When the timer expires next (for the resilient one, ResilientOpenScavengerExpiryTime); null while inactive.</summary>
    public DateTimeOffset? Due => timer.Due;

    public void Start(DateTimeOffset timeout) => timer.StartAt(timeout);

    private async Task<DateTimeOffset?> ExpireAsync(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var open in server.GlobalOpenTable.Values.ToList())
        {
            if (open.Connection is not null || timeoutOf(open) is not { } timeout)
            {
                continue;
            }
            if (timeout <= now)
            {
                await OpenCloser.CloseAsync(server, open).ConfigureAwait(false);
            }
            else if (next is null || timeout < next)
            {
                next = timeout;
            }
        }
        return next;
    }

    public void Dispose() => timer.Dispose();
}
