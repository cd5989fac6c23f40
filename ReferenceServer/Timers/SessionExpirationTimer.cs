using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Timers;

/// <summary>
/// The session expiration timer (3.3.2.3) and its event (3.3.6.3): armed for the earliest
/// Session.ExpirationTime; when it expires every valid session past its time becomes Expired.
/// (Scavenging connections that never authenticate, the event's second part, is not done.)
/// </summary>
internal sealed class SessionExpirationTimer : IDisposable
{
    private readonly Server server;
    private readonly ServerTimer timer;

    public SessionExpirationTimer(Server server, Action<string>? log)
    {
        this.server = server;
        timer = new ServerTimer("session expiration timer", server.Clock, now => Task.FromResult(Expire(now)), log);
    }

    /// <summary>A session got an ExpirationTime (3.3.5.5.3 step 14).</summary>
    public void Start(DateTimeOffset expirationTime) => timer.StartAt(expirationTime);

    private DateTimeOffset? Expire(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var session in server.GlobalSessionTable.Values)
        {
            if (!session.ExpireIfDue(now) && session.State == SessionState.Valid && session.ExpirationTime is { } expiration && (next is null || expiration < next))
            {
                next = expiration;
            }
        }
        return next;
    }

    public void Dispose() => timer.Dispose();
}
