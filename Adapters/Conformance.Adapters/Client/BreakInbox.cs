using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>
/// The OPLOCK_BREAK notifications of one client (<see cref="ClientGlobal.Breaks"/>), whichever of its
/// connections they came on, in arrival order. A wait takes the first queued notification its filter
/// accepts, or the next one to arrive; a notification no waiter's filter accepts stays queued for
/// another waiter. Filters run under the inbox's lock: they must be quick and must not wait.
/// </summary>
public sealed class BreakInbox
{
    private readonly ClientGlobal client;
    private readonly Lock gate = new();
    private readonly List<BreakNotification> queue = [];
    private readonly List<BreakNotification> history = [];
    private readonly List<Waiter> waiters = [];

    internal BreakInbox(ClientGlobal client) => this.client = client;

    /// <summary>Notifications received and not yet taken.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>The notifications received and not yet taken, oldest first.</summary>
    public IReadOnlyList<BreakNotification> Pending
    {
        get
        {
            lock (gate)
            {
                return queue.ToArray();
            }
        }
    }

    /// <summary>Every notification received, taken or not, oldest first.</summary>
    public IReadOnlyList<BreakNotification> History
    {
        get
        {
            lock (gate)
            {
                return history.ToArray();
            }
        }
    }

    /// <summary>Whether a notification <paramref name="filter"/> accepts (any, when null) has arrived, taken or not; nothing waits.</summary>
    public bool HasArrived(Func<BreakNotification, bool>? filter = null)
    {
        lock (gate)
        {
            return filter is null ? history.Count > 0 : history.Exists(notification => filter(notification));
        }
    }

    /// <summary>Takes the oldest queued notification <paramref name="filter"/> accepts (any, when null), without waiting.</summary>
    public bool TryTake(Func<BreakNotification, bool>? filter, out BreakNotification notification)
    {
        lock (gate)
        {
            var index = filter is null ? (queue.Count > 0 ? 0 : -1) : queue.FindIndex(candidate => filter(candidate));
            if (index < 0)
            {
                notification = null!;
                return false;
            }
            notification = queue[index];
            queue.RemoveAt(index);
            return true;
        }
    }

    /// <summary>
    /// The oldest queued notification <paramref name="filter"/> accepts (any, when null), or the next
    /// one to arrive on any connection of the client, waiting at most <paramref name="timeout"/>.
    /// <paramref name="description"/> names what the filter accepts, for the timeout's message. Fails
    /// with <see cref="ClientErrorKind.BreakTimeout"/> (naming the filter, the timeout, the notifications
    /// queued meanwhile and the recent exchange), or <see cref="ClientErrorKind.ConnectionLost"/> once
    /// no connection of the client is open.
    /// </summary>
    public Task<BreakNotification> WaitAsync(TimeSpan timeout, Func<BreakNotification, bool>? filter = null, string? description = null, CancellationToken cancellationToken = default) =>
        WaitScopedAsync(timeout, filter, description ?? (filter is null ? "an OPLOCK_BREAK notification" : "an OPLOCK_BREAK notification the caller's filter accepts"), null, cancellationToken);

    /// <summary>The next Oplock Break Notification (2.2.23.1) for <paramref name="fileId"/>, as <see cref="WaitAsync(TimeSpan, Func{BreakNotification, bool}?, string?, CancellationToken)"/>.</summary>
    public Task<BreakNotification> WaitForOplockBreakAsync(FileId fileId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitScopedAsync(timeout, notification => notification.FileId == fileId, $"an Oplock Break Notification for FileId {fileId}", null, cancellationToken);

    /// <summary>The next Lease Break Notification (2.2.23.2) for <paramref name="leaseKey"/>, as <see cref="WaitAsync(TimeSpan, Func{BreakNotification, bool}?, string?, CancellationToken)"/>.</summary>
    public Task<BreakNotification> WaitForLeaseBreakAsync(Guid leaseKey, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitScopedAsync(timeout, notification => notification.LeaseKey == leaseKey, $"a Lease Break Notification for lease key {leaseKey}", null, cancellationToken);

    public override string ToString() => $"break inbox of {client}: {Count} queued";

    /// <summary>The queued notifications that came on <paramref name="connection"/>.</summary>
    internal int CountOn(Connection connection)
    {
        lock (gate)
        {
            return queue.Count(notification => ReferenceEquals(notification.Connection, connection));
        }
    }

    /// <summary>
    /// The wait, limited to notifications that came on <paramref name="scope"/> when it is given (the
    /// per-connection view); such a wait fails when that connection is lost, a client-wide one when the
    /// last connection of the client is.
    /// </summary>
    internal async Task<BreakNotification> WaitScopedAsync(TimeSpan timeout, Func<BreakNotification, bool>? filter, string description, Connection? scope, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (gate)
        {
            var index = queue.FindIndex(candidate => Accepts(scope, filter, candidate));
            if (index >= 0)
            {
                var ready = queue[index];
                queue.RemoveAt(index);
                return ready;
            }
            if (scope is null ? !client.HasOpenConnection : !scope.IsOpen)
            {
                throw LostError(description, scope, scope?.LostReason ?? "no connection of the client is open", Exchange(scope));
            }
            waiter = new Waiter(scope, filter, description);
            waiters.Add(waiter);
        }
        try
        {
            return await waiter.Result.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            bool abandoned;
            lock (gate)
            {
                abandoned = waiters.Remove(waiter);
            }
            if (!abandoned)
            {
                // Not in the list any more: a notification (or a failure) was handed to it as the wait ended.
                return await waiter.Result.Task.ConfigureAwait(false);
            }
            if (e is OperationCanceledException)
            {
                throw;
            }
            throw TimeoutError(timeout, description, scope);
        }
    }

    /// <summary>A notification arrived: the first waiter that accepts it takes it, otherwise it is queued.</summary>
    internal void Deliver(BreakNotification notification)
    {
        lock (gate)
        {
            history.Add(notification);
            for (var i = 0; i < waiters.Count; i++)
            {
                var waiter = waiters[i];
                bool accepted;
                try
                {
                    accepted = Accepts(waiter.Scope, waiter.Filter, notification);
                }
#pragma warning disable CA1031 // a throwing filter fails its own wait, never the receive loop that delivers
                catch (Exception e)
#pragma warning restore CA1031
                {
                    waiters.RemoveAt(i--);
                    waiter.Result.TrySetException(e);
                    continue;
                }
                if (accepted)
                {
                    waiters.RemoveAt(i);
                    waiter.Result.TrySetResult(notification);
                    return;
                }
            }
            queue.Add(notification);
        }
    }

    /// <summary><paramref name="connection"/> is gone: its own waits fail, and every wait once no connection of the client is open.</summary>
    internal void ConnectionLost(Connection connection, Smb2ClientException error)
    {
        lock (gate)
        {
            var last = !client.HasOpenConnection;
            for (var i = 0; i < waiters.Count; i++)
            {
                var waiter = waiters[i];
                if (last || ReferenceEquals(waiter.Scope, connection))
                {
                    waiters.RemoveAt(i--);
                    waiter.Result.TrySetException(LostError(waiter.Description, waiter.Scope, error.Summary, error.Exchange, error));
                }
            }
        }
    }

    private static bool Accepts(Connection? scope, Func<BreakNotification, bool>? filter, BreakNotification notification) =>
        (scope is null || ReferenceEquals(notification.Connection, scope)) && (filter is null || filter(notification));

    private Smb2ClientException TimeoutError(TimeSpan timeout, string description, Connection? scope)
    {
        var where = scope is null ? $"on any of the {client.ConnectionTable.Count} open connection(s) of {client}" : $"from {scope.Transport.RemoteEndPoint}";
        var queued = Pending;
        var others = queued.Count == 0
            ? "none other is queued"
            : $"{queued.Count} other notification(s) queued: {string.Join("; ", queued.Take(4).Select(notification => notification.ToString()))}{(queued.Count > 4 ? "; ..." : "")}";
        var message = $"waited {PendingRequest.Describe(timeout)} for {description} (MessageId 0xFFFFFFFFFFFFFFFF) {where}, none came; {others}";
        return scope is null
            ? new Smb2ClientException(ClientErrorKind.BreakTimeout, message, Exchange(null))
            : scope.Error(ClientErrorKind.BreakTimeout, message);
    }

    private Smb2ClientException LostError(string description, Connection? scope, string reason, string exchange, Exception? cause = null) =>
        new(ClientErrorKind.ConnectionLost,
            $"a wait for {description} {(scope is null ? $"on {client}" : $"from {scope.Transport.RemoteEndPoint}")} cannot be served: {reason}",
            exchange, cause);

    private string Exchange(Connection? scope) =>
        scope is null
            ? client.DumpExchange(client.ConnectionTable.FirstOrDefault()?.Options.ExchangeLinesInErrors ?? ConnectionOptions.Default.ExchangeLinesInErrors)
            : scope.DumpExchange(scope.Options.ExchangeLinesInErrors);

    private sealed record Waiter(Connection? Scope, Func<BreakNotification, bool>? Filter, string Description)
    {
        public TaskCompletionSource<BreakNotification> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
