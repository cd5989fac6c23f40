using System.Globalization;
using System.Text;

namespace Conformance.Adapters.Client;

/// <summary>
/// Connection.SequenceWindow (3.2.1.2): the MessageIds the client may still use, managed as 3.2.4.1.6
/// says. It starts as { 0 }; each credit granted (3.2.5.1.4) inserts the next highest value; a request
/// takes the lowest available id, or the lowest run of consecutive ids for a multi-credit request
/// (3.2.4.1.5). Kept as a list of ranges, so a large grant costs nothing. Thread-safe.
/// </summary>
public sealed class SequenceWindow
{
    private readonly Lock gate = new();

    // Disjoint, ascending, non-adjacent [Start, End) ranges.
    private readonly List<(ulong Start, ulong End)> available = [(0, 1)];
    private TaskCompletionSource changed = NewSignal();
    private ulong nextGranted = 1;

    /// <summary>The next value a grant inserts: one past the highest id ever inserted.</summary>
    public ulong NextGranted
    {
        get
        {
            lock (gate)
            {
                return nextGranted;
            }
        }
    }

    /// <summary>How many ids are available now (the client's credits).</summary>
    public long Available
    {
        get
        {
            lock (gate)
            {
                long total = 0;
                foreach (var (start, end) in available)
                {
                    total += (long)(end - start);
                }
                return total;
            }
        }
    }

    /// <summary>Credits granted by the server (3.2.5.1.4): <paramref name="credits"/> new ids at the high end.</summary>
    public void Grant(int credits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(credits);
        if (credits == 0)
        {
            return;
        }
        TaskCompletionSource signal;
        lock (gate)
        {
            var start = nextGranted;
            var end = start + (ulong)credits;
            nextGranted = end;
            if (available.Count > 0 && available[^1].End == start)
            {
                available[^1] = (available[^1].Start, end);
            }
            else
            {
                available.Add((start, end));
            }
            signal = changed;
            changed = NewSignal();
        }
        signal.TrySetResult();
    }

    /// <summary>Takes the lowest run of <paramref name="count"/> consecutive ids, if there is one; returns its first id.</summary>
    public bool TryTake(int count, out ulong first)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (gate)
        {
            for (var i = 0; i < available.Count; i++)
            {
                var (start, end) = available[i];
                if (end - start >= (ulong)count)
                {
                    first = start;
                    RemoveWithin(i, start, start + (ulong)count);
                    return true;
                }
            }
        }
        first = 0;
        return false;
    }

    /// <summary>
    /// Takes the ids [<paramref name="first"/>, first + <paramref name="count"/>) that are available,
    /// for a request whose MessageId a scenario chose. Returns how many of them were available
    /// (a scenario may deliberately use an id it has no credit for).
    /// </summary>
    public int TakeExact(ulong first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var taken = 0;
        lock (gate)
        {
            for (var id = first; id < first + (ulong)count; id++)
            {
                var index = available.FindIndex(range => range.Start <= id && id < range.End);
                if (index >= 0)
                {
                    RemoveWithin(index, id, id + 1);
                    taken++;
                }
            }
        }
        return taken;
    }

    /// <summary>
    /// Takes the lowest run of <paramref name="count"/> ids, waiting for grants until
    /// <paramref name="cancellationToken"/> fires (3.2.4.1.3: a request waits until its ids are available).
    /// </summary>
    public async Task<ulong> TakeAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (gate)
            {
                signal = changed.Task;
            }
            if (TryTake(count, out var first))
            {
                return first;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public bool Contains(ulong id)
    {
        lock (gate)
        {
            return available.Exists(range => range.Start <= id && id < range.End);
        }
    }

    /// <summary>"{ 3-7, 9 }".</summary>
    public override string ToString()
    {
        lock (gate)
        {
            var text = new StringBuilder("{ ");
            for (var i = 0; i < available.Count; i++)
            {
                var (start, end) = available[i];
                text.Append(i > 0 ? ", " : "");
                text.Append(end - start == 1
                    ? start.ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{start}-{end - 1}"));
            }
            return text.Append(available.Count > 0 ? " }" : "}").ToString();
        }
    }

    private void RemoveWithin(int index, ulong start, ulong end)
    {
        var range = available[index];
        available.RemoveAt(index);
        if (end < range.End)
        {
            available.Insert(index, (end, range.End));
        }
        if (range.Start < start)
        {
            available.Insert(index, (range.Start, start));
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
