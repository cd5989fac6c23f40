namespace Conformance.Scenarios.Running;

/// <summary>
/// Admits scenarios to run against the target: at most <see cref="Workers"/> at once, and one that
/// runs alone (<see cref="ScenarioDescriptor.RunsAlone"/>) only when nothing else runs, keeping every
/// other out until it ends. Admission is first come, first served, so a scenario waiting to run alone
/// is not starved by those that arrive after it.
/// </summary>
public sealed class ScenarioScheduler
{
    /// <summary>The most workers a run may ask for (the test framework's worker threads are set to this many).</summary>
    public const int MaxWorkers = 32;

    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> waiting = [];
    private int running;
    private bool aloneRunning;

    public ScenarioScheduler(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workers, MaxWorkers);
        Workers = workers;
    }

    public int Workers { get; }

    /// <summary>Waits for the scenario's turn; disposing the admission ends it.</summary>
    public async Task<IDisposable> EnterAsync(bool alone, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(alone);
        lock (gate)
        {
            waiting.AddLast(waiter.Node);
            AdmitWaiting();
        }
        await using (cancellationToken.Register(() => Withdraw(waiter)))
        {
            await waiter.Admitted.Task.ConfigureAwait(false);
        }
        return new Admission(this, alone);
    }

    private void Withdraw(Waiter waiter)
    {
        lock (gate)
        {
            if (waiter.Node.List is null)
            {
                return;
            }
            waiting.Remove(waiter.Node);
            AdmitWaiting();
        }
        waiter.Admitted.TrySetCanceled();
    }

    private void Leave(bool alone)
    {
        lock (gate)
        {
            running--;
            if (alone)
            {
                aloneRunning = false;
            }
            AdmitWaiting();
        }
    }

    /// <summary>Admits from the head of the queue while the head may run; called under the gate.</summary>
    private void AdmitWaiting()
    {
        while (waiting.First is { } head)
        {
            var waiter = head.Value;
            var admissible = waiter.Alone ? running == 0 : !aloneRunning && running < Workers;
            if (!admissible)
            {
                return;
            }
            waiting.RemoveFirst();
            running++;
            aloneRunning = waiter.Alone;
            waiter.Admitted.TrySetResult();
        }
    }

    private sealed class Waiter
    {
        public Waiter(bool alone)
        {
            Alone = alone;
            Node = new LinkedListNode<Waiter>(this);
        }

        public bool Alone { get; }
        public LinkedListNode<Waiter> Node { get; }
        public TaskCompletionSource Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Admission(ScenarioScheduler scheduler, bool alone) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                scheduler.Leave(alone);
            }
        }
    }
}
