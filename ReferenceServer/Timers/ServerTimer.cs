namespace Conformance.ReferenceServer.Timers;

/// <summary>
/// One timer of 3.3.2 on the server's clock. <see cref="StartAt"/> arms it for a due time (an earlier
/// due time wins over a later one); when it expires it runs its event, which scans the ADM and returns
/// the next due time, if any, to restart the timer at ("the timer MUST then be restarted…").
/// </summary>
internal sealed class ServerTimer(string name, TimeProvider clock, Func<DateTimeOffset, Task<DateTimeOffset?>> expired, Action<string>? log) : IDisposable
{
    private readonly Lock gate = new();
    private ITimer? timer;
    private DateTimeOffset? due;
    private bool disposed;

    public string Name { get; } = name;

    /// <summary>When the timer expires next; null while it is not active.</summary>
    public DateTimeOffset? Due
    {
        get
        {
            lock (gate)
            {
                return due;
            }
        }
    }

    /// <summary>Starts the timer to expire at <paramref name="when"/>, unless it is already due earlier.</summary>
    public void StartAt(DateTimeOffset when)
    {
        lock (gate)
        {
            if (disposed || (due is { } current && current <= when))
            {
                return;
            }
            due = when;
            var delay = when - clock.GetUtcNow();
            timer ??= clock.CreateTimer(_ => _ = ExpireAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ExpireAsync()
    {
        lock (gate)
        {
            due = null;
        }
        try
        {
            if (await expired(clock.GetUtcNow()).ConfigureAwait(false) is { } next)
            {
                StartAt(next);
            }
        }
#pragma warning disable CA1031 // a timer event that fails must not take the server down; it is logged
        catch (Exception e)
#pragma warning restore CA1031
        {
            log?.Invoke($"the {Name} event failed: {e}");
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            due = null;
            timer?.Dispose();
        }
    }
}
