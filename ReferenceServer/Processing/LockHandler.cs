using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 LOCK (3.3.5.14; MS-FSA 2.1.5.7 and 2.1.5.8): byte-range locks, all elements of a request or
/// none. Locking breaks other opens' oplocks as a write does (MS-FSA 2.1.4.12 LOCK_CONTROL). A
/// conflicting single lock without FAIL_IMMEDIATELY blocks: the request goes async (STATUS_PENDING)
/// until the range is free, or SMB2 CANCEL ends it with STATUS_CANCELLED. A request whose lock
/// sequence says it was processed before is answered with success alone (<see cref="LockSequenceVerification"/>).
/// </summary>
internal sealed class LockHandler : FileRequestHandler<LockRequest>
{
    private const uint StatusInvalidLockRange = 0xC00001A1;

    protected override Smb2Command Command => Smb2Command.Lock;

    protected override FileId FileIdOf(LockRequest request) => request.FileId;

    protected override uint? ValidateBeforeLookup(RequestContext context, LockRequest request) =>
        request.Locks.Count == 0 ? NtStatus.InvalidParameter : null;

    protected override Task<Outcome> HandleAsync(RequestContext context, LockRequest request, Open open, CancellationToken cancellationToken)
    {
        if (open.LocalOpen.IsDirectory || open.IsPipe)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        if (LockSequenceVerification.AlreadyProcessed(context, open, request))
        {
            return Task.FromResult(Outcome.Success(new LockResponse()));
        }
        var unlocking = (request.Locks[0].Flags & LockFlags.Unlock) != 0;
        foreach (var element in request.Locks)
        {
            // 3.3.5.14: the valid flag combinations; unlocks and locks never mixed; several locks all FAIL_IMMEDIATELY.
            var valid = element.Flags switch
            {
                LockFlags.Unlock => unlocking,
                LockFlags.SharedLock or LockFlags.ExclusiveLock => !unlocking && request.Locks.Count == 1,
                LockFlags.SharedLock | LockFlags.FailImmediately or LockFlags.ExclusiveLock | LockFlags.FailImmediately => !unlocking,
                _ => false,
            };
            if (!valid)
            {
                return Task.FromResult(Error(NtStatus.InvalidParameter));
            }
            if (element.Length != 0 && element.Offset > ulong.MaxValue - (element.Length - 1))
            {
                return Task.FromResult(Error(StatusInvalidLockRange));
            }
        }
        return unlocking
            ? Task.FromResult(Unlock(context.Connection, open, request))
            : OplockBreakWait.AfterBreaksAsync(open, BreakRequest.Write, cancel => LockAsync(context.Connection, open, request, cancel), cancellationToken);
    }

    private Outcome Unlock(Connection connection, Open open, LockRequest request)
    {
        var elements = request.Locks;
        var file = open.LocalOpen.File;
        lock (file.Gate)
        {
            foreach (var element in elements)
            {
                var held = file.Locks.FindIndex(existing => existing.Owner == open.LocalOpen && existing.Offset == element.Offset && existing.Length == element.Length);
                if (held < 0)
                {
                    return Error(NtStatus.RangeNotLocked);
                }
                file.Locks.RemoveAt(held);
                open.LockCount--;
            }
            file.SignalLocksChanged();
        }
        return Granted(connection, open, request);
    }

    private Task<Outcome> LockAsync(Connection connection, Open open, LockRequest request, CancellationToken cancellationToken)
    {
        var elements = request.Locks;
        var file = open.LocalOpen.File;
        lock (file.Gate)
        {
            if (TryLockAll(file, open, elements))
            {
                return Task.FromResult(Granted(connection, open, request));
            }
            if ((elements[0].Flags & LockFlags.FailImmediately) != 0)
            {
                return Task.FromResult(Error(NtStatus.LockNotGranted));
            }
        }
        return Task.FromResult(Outcome.Pending(cancel => WaitForRangeAsync(connection, open, request, cancel)));
    }

    /// <summary>The success of a whole request, its lock sequence recorded (3.3.5.14.1, 3.3.5.14.2).</summary>
    private static Outcome Granted(Connection connection, Open open, LockRequest request)
    {
        LockSequenceVerification.Record(connection, open, request);
        return Outcome.Success(new LockResponse());
    }

    /// <summary>A blocked lock: waits for each change of the file's locks until it can be granted, or the open closes.</summary>
    private async Task<Outcome> WaitForRangeAsync(Connection connection, Open open, LockRequest request, CancellationToken cancellationToken)
    {
        var element = request.Locks[0];
        var file = open.LocalOpen.File;
        using var closedOrCancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, open.Closed.Token);
        while (true)
        {
            Task changed;
            lock (file.Gate)
            {
                if (open.Closed.IsCancellationRequested)
                {
                    return Error(NtStatus.RangeNotLocked);
                }
                if (TryLockAll(file, open, [element]))
                {
                    return Granted(connection, open, request);
                }
                changed = file.LocksChanged;
            }
            await changed.WaitAsync(closedOrCancelled.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Grants every element or none. Call under the file's gate.</summary>
    private static bool TryLockAll(LocalFile file, Open open, IReadOnlyList<LockElement> elements)
    {
        var owner = open.LocalOpen;
        var granted = new List<ByteRangeLock>();
        foreach (var element in elements)
        {
            var exclusive = (element.Flags & LockFlags.ExclusiveLock) != 0;
            // MS-FSA 2.1.5.7: an exclusive lock conflicts with any overlapping lock; a shared one with another open's exclusive lock.
            var conflict = file.Locks.Concat(granted).Any(existing => existing.Overlaps(element.Offset, element.Length)
                && (exclusive || (existing.Exclusive && existing.Owner != owner)));
            if (conflict)
            {
                return false;
            }
            granted.Add(new ByteRangeLock(owner, element.Offset, element.Length, exclusive));
        }
        file.Locks.AddRange(granted);
        open.LockCount += granted.Count;
        return true;
    }

    /// <summary>MS-FSA 2.1.4.10: whether another open's lock keeps this open from reading or writing the range.</summary>
    public static bool Conflicts(Open open, ulong offset, ulong length, bool write)
    {
        var file = open.LocalOpen.File;
        lock (file.Gate)
        {
            return file.Locks.Any(existing => existing.Owner != open.LocalOpen && existing.Overlaps(offset, length) && (write || existing.Exclusive));
        }
    }
}
