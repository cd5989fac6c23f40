using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 LOCK (3.3.5.14; MS-FSA 2.1.5.7 and 2.1.5.8): byte-range locks, all elements of a request or
/// none. A conflicting single lock without FAIL_IMMEDIATELY blocks: the request goes async
/// (STATUS_PENDING) until the range is free, or SMB2 CANCEL ends it with STATUS_CANCELLED.
/// </summary>
internal sealed class LockHandler : ICommandHandler
{
    private const uint StatusInvalidLockRange = 0xC00001A1;

    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = LockRequest.Read(context.Bytes);
        if (!decoded.IsSuccess || decoded.Value.Locks.Count == 0)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        var request = decoded.Value;
        var lookup = context.LookupOpen(request.FileId);
        if (lookup.Open is not { } open)
        {
            return Task.FromResult(Error(lookup.Status));
        }
        if (open.LocalOpen.IsDirectory || open.IsPipe)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
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
        var file = open.LocalOpen;
        lock (file.Gate)
        {
            if (unlocking)
            {
                foreach (var element in request.Locks)
                {
                    var held = file.Locks.FindIndex(existing => existing.Owner == open && existing.Offset == element.Offset && existing.Length == element.Length);
                    if (held < 0)
                    {
                        return Task.FromResult(Error(NtStatus.RangeNotLocked));
                    }
                    file.Locks.RemoveAt(held);
                    open.LockCount--;
                }
                file.SignalLocksChanged();
                return Task.FromResult(Outcome.Success(new LockResponse()));
            }
            if (TryLockAll(file, open, request.Locks))
            {
                return Task.FromResult(Outcome.Success(new LockResponse()));
            }
            if ((request.Locks[0].Flags & LockFlags.FailImmediately) != 0)
            {
                return Task.FromResult(Error(NtStatus.LockNotGranted));
            }
        }
        var element0 = request.Locks[0];
        return Task.FromResult(Outcome.Pending(async cancel =>
        {
            using var closedOrCancelled = CancellationTokenSource.CreateLinkedTokenSource(cancel, open.Closed.Token);
            while (true)
            {
                Task changed;
                lock (file.Gate)
                {
                    if (open.Closed.IsCancellationRequested)
                    {
                        return Error(NtStatus.RangeNotLocked);
                    }
                    if (TryLockAll(file, open, [element0]))
                    {
                        return Outcome.Success(new LockResponse());
                    }
                    changed = file.LocksChanged;
                }
                await changed.WaitAsync(closedOrCancelled.Token).ConfigureAwait(false);
            }
        }));
    }

    /// <summary>Grants every element or none. Call under the file's gate.</summary>
    private static bool TryLockAll(LocalFile file, Open open, IReadOnlyList<LockElement> elements)
    {
        var granted = new List<ByteRangeLock>();
        foreach (var element in elements)
        {
            var exclusive = (element.Flags & LockFlags.ExclusiveLock) != 0;
            // MS-FSA 2.1.5.7: an exclusive lock conflicts with any overlapping lock; a shared one with another open's exclusive lock.
            var conflict = file.Locks.Concat(granted).Any(existing => existing.Overlaps(element.Offset, element.Length)
                && (exclusive || (existing.Exclusive && existing.Owner != open)));
            if (conflict)
            {
                return false;
            }
            granted.Add(new ByteRangeLock(open, element.Offset, element.Length, exclusive));
        }
        file.Locks.AddRange(granted);
        open.LockCount += granted.Count;
        return true;
    }

    /// <summary>MS-FSA 2.1.4.10: whether another open's lock keeps this open from reading or writing the range.</summary>
    public static bool Conflicts(Open open, ulong offset, ulong length, bool write)
    {
        var file = open.LocalOpen;
        lock (file.Gate)
        {
            return file.Locks.Any(existing => existing.Owner != open && existing.Overlaps(offset, length) && (write || existing.Exclusive));
        }
    }

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.Lock, status);
}
