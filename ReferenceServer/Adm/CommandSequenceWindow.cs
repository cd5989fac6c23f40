namespace Conformance.ReferenceServer.Adm;

/// <summary>
/// The message ids a client may use next (MS-SMB2 3.3.1.1, 3.3.1.7 CommandSequenceWindow): starts as
/// {0}; each request consumes its ids (CreditCharge of them, 3.3.5.2.3) and each response's granted
/// credits extend the window at its top. Thread-safe.
/// </summary>
public sealed class CommandSequenceWindow
{
    private readonly object gate = new();
    private readonly HashSet<ulong> consumedAboveLow = [];
    private ulong low;
    private ulong high = 1;

    /// <summary>Ids granted and not yet used.</summary>
    public long Available
    {
        get
        {
            lock (gate)
            {
                return (long)(high - low) - consumedAboveLow.Count;
            }
        }
    }

    /// <summary>Consumes [messageId, messageId + count); false (nothing consumed) if any is outside the window or already used.</summary>
    public bool TryConsume(ulong messageId, ulong count)
    {
        lock (gate)
        {
            if (count == 0 || messageId < low || messageId > ulong.MaxValue - count || messageId + count > high)
            {
                return false;
            }
            for (var id = messageId; id < messageId + count; id++)
            {
                if (consumedAboveLow.Contains(id))
                {
                    return false;
                }
            }
            for (var id = messageId; id < messageId + count; id++)
            {
                consumedAboveLow.Add(id);
            }
            while (consumedAboveLow.Remove(low))
            {
                low++;
            }
            return true;
        }
    }

    /// <summary>Extends the window by up to <paramref name="credits"/> ids, keeping at most <paramref name="maximum"/> outstanding; returns what was granted.</summary>
    public ushort Grant(ushort credits, ushort maximum)
    {
        lock (gate)
        {
            var outstanding = (long)(high - low) - consumedAboveLow.Count;
            var granted = (ushort)Math.Clamp(maximum - outstanding, 0, credits);
            high += granted;
            return granted;
        }
    }
}
