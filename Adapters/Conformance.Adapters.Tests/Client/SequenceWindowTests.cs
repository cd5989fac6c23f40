using Conformance.Adapters.Client;

namespace Conformance.Adapters.Tests.Client;

public class SequenceWindowTests
{
    [Test]
    public void StartsAsZeroAndGrowsMonotonicallyWithGrants()
    {
        // 3.2.4.1.6: "If the set is { 0 }, and 2 credits are granted, the set MUST grow to { 0, 1, 2 }."
        var window = new SequenceWindow();
        Assert.That(window.ToString(), Is.EqualTo("{ 0 }"));
        window.Grant(2);
        Assert.That(window.ToString(), Is.EqualTo("{ 0-2 }"));
        Assert.That(window.Available, Is.EqualTo(3));
    }

    [Test]
    public void TakesTheLowestIdAndTheLowestConsecutiveRunForMultiCredit()
    {
        var window = new SequenceWindow();
        window.Grant(3); // { 0-3 }
        Assert.That(window.TakeExact(1, 1), Is.EqualTo(1)); // { 0, 2-3 }
        Assert.That(window.TryTake(2, out var first), Is.True);
        Assert.That(first, Is.EqualTo(2)); // 0 alone is too short for two
        Assert.That(window.TryTake(1, out var lowest), Is.True);
        Assert.That(lowest, Is.EqualTo(0));
        Assert.That(window.TryTake(1, out _), Is.False);
        Assert.That(window.ToString(), Is.EqualTo("{ }"));
        window.Grant(1);
        Assert.That(window.ToString(), Is.EqualTo("{ 4 }")); // the next highest value, never a reused one
    }

    [Test]
    public void TakeExactReportsIdsThatWereNotAvailable()
    {
        var window = new SequenceWindow();
        window.Grant(1); // { 0-1 }
        Assert.That(window.TakeExact(1, 3), Is.EqualTo(1)); // 1 was there, 2 and 3 not yet granted
        Assert.That(window.ToString(), Is.EqualTo("{ 0 }"));
        Assert.That(window.Contains(1), Is.False);
    }

    [Test]
    public async Task TakeAsyncWaitsForAGrant()
    {
        var window = new SequenceWindow();
        Assert.That(window.TryTake(1, out _), Is.True);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var waiting = window.TakeAsync(2, bound.Token);
        Assert.That(waiting.IsCompleted, Is.False);
        window.Grant(1);
        window.Grant(1);
        Assert.That(await waiting, Is.EqualTo(1));
    }
}
