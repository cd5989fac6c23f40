using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Tests.Running;

/// <summary>
/// The scheduler admits at most its worker count at once; one that runs alone waits for the running
/// ones to end and keeps the others out; admission is first come, first served; a withdrawn waiter
/// leaves no trace.
/// </summary>
public class ScenarioSchedulerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public async Task At_most_the_worker_count_run_at_once()
    {
        var scheduler = new ScenarioScheduler(2);
        var first = await scheduler.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Bound);
        var second = await scheduler.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Bound);
        var third = scheduler.EnterAsync(alone: false, CancellationToken.None);
        Assert.That(third.IsCompleted, Is.False, "a third scenario admitted beside two with two workers");
        first.Dispose();
        (await third.WaitAsync(Bound)).Dispose();
        second.Dispose();
    }

    [Test]
    public async Task One_that_runs_alone_waits_for_the_others_and_keeps_later_ones_out()
    {
        var scheduler = new ScenarioScheduler(4);
        var running = await scheduler.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Bound);
        var alone = scheduler.EnterAsync(alone: true, CancellationToken.None);
        var later = scheduler.EnterAsync(alone: false, CancellationToken.None);
        Assert.That(alone.IsCompleted || later.IsCompleted, Is.False, "admitted while another scenario runs, or ahead of the one waiting to run alone");
        running.Dispose();
        var admittedAlone = await alone.WaitAsync(Bound);
        Assert.That(later.IsCompleted, Is.False, "a scenario admitted beside one that runs alone");
        admittedAlone.Dispose();
        (await later.WaitAsync(Bound)).Dispose();
    }

    [Test]
    public async Task A_withdrawn_waiter_lets_the_next_one_in()
    {
        var scheduler = new ScenarioScheduler(1);
        var running = await scheduler.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Bound);
        using var withdraw = new CancellationTokenSource();
        var withdrawn = scheduler.EnterAsync(alone: true, withdraw.Token);
        var next = scheduler.EnterAsync(alone: false, CancellationToken.None);
        await withdraw.CancelAsync();
        Assert.That(async () => await withdrawn.WaitAsync(Bound), Throws.InstanceOf<OperationCanceledException>());
        running.Dispose();
        (await next.WaitAsync(Bound)).Dispose();
        // Disposing an admission twice must not admit an extra scenario.
        var again = await scheduler.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Bound);
        again.Dispose();
        again.Dispose();
        var one = await scheduler.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Bound);
        var two = scheduler.EnterAsync(alone: false, CancellationToken.None);
        Assert.That(two.IsCompleted, Is.False, "a second disposal of one admission freed a second worker");
        one.Dispose();
        (await two.WaitAsync(Bound)).Dispose();
    }

    [Test]
    public async Task Many_scenarios_never_exceed_the_workers_nor_share_with_one_alone()
    {
        var scheduler = new ScenarioScheduler(3);
        var inside = 0;
        var aloneInside = 0;
        var violations = 0;
        async Task RunAsync(bool alone)
        {
            using var admission = await scheduler.EnterAsync(alone, CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            if (alone)
            {
                Interlocked.Increment(ref aloneInside);
            }
            if (now > 3 || (Volatile.Read(ref aloneInside) > 0 && now > 1))
            {
                Interlocked.Increment(ref violations);
            }
            await Task.Yield();
            if (alone)
            {
                Interlocked.Decrement(ref aloneInside);
            }
            Interlocked.Decrement(ref inside);
        }
        await Task.WhenAll(Enumerable.Range(0, 400).Select(index => Task.Run(() => RunAsync(alone: index % 37 == 0)))).WaitAsync(Bound);
        Assert.That(violations, Is.Zero);
    }

    [TestCase(0)]
    [TestCase(ScenarioScheduler.MaxWorkers + 1)]
    public void Worker_counts_outside_the_range_are_refused(int workers) =>
        Assert.That(() => new ScenarioScheduler(workers), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
