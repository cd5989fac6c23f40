namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// The oplocks of one file (MS-FSA 2.1.1.10 Oplock; one stream per file here): which opens hold which
/// level, the rules that grant them (2.1.5.17), the breaks each operation causes (2.1.4.12) and the
/// acknowledgment that ends a break (2.1.5.18). Every method is called under the file's gate and
/// returns the break indications for the caller to deliver once the gate is released.
/// </summary>
/// <remarks>
/// The object store's own rules, written from MS-FSA, for the oplock types LEVEL_TWO, LEVEL_ONE and
/// BATCH and for granular oplocks (the caching of a lease: R, RH, RW, RWH). A granular oplock belongs to
/// an oplock key: all opens with that key share one holder, which moves to another of them when its
/// open closes. Operations never wait inside: a break that must be acknowledged gives the operation a
/// task to await, after which it checks again (the holder may have broken further, or closed).
/// </remarks>
public sealed class FileOplock
{
    private readonly List<OplockHolder> holders = [];

    /// <summary>The level <paramref name="open"/> holds, directly or through its oplock key (None when it holds none).</summary>
    public OplockLevelGrant LevelOf(LocalOpen open) => HolderOf(open)?.Level ?? OplockLevelGrant.None;

    /// <summary>MS-FSA Oplock.State contains BATCH_OPLOCK: an open breaks it before the sharing check (2.1.5.1.2).</summary>
    public bool HasBatch => holders.Exists(holder => holder.Level.Type == OplockType.Batch);

    /// <summary>Whether some other key's granular oplock holds handle caching: an open that fails the sharing check breaks it first (OPEN_BREAK_H).</summary>
    public bool HasHandleCachingOtherThan(OplockKey? key) =>
        holders.Exists(holder => holder.IsGranular && holder.Open.TargetOplockKey != key && ((holder.BreakingTo ?? holder.Level).Caching & CachingLevel.Handle) != 0);

    /// <summary>Whether <paramref name="open"/>'s oplock is being broken and the break is not yet acknowledged.</summary>
    public bool IsBreaking(LocalOpen open) => HolderOf(open)?.BreakingTo is not null;

    /// <summary>
    /// MS-FSA 2.1.5.17: grants <paramref name="requested"/> to <paramref name="open"/>, or nothing
    /// (the level None) when the file's state does not allow it. LEVEL_ONE and BATCH need the open to be
    /// the file's only one; LEVEL_TWO needs no byte-range lock and no exclusive oplock or break under way.
    /// A granular request is granted whole or reduced (<see cref="RequestGranular"/>).
    /// </summary>
    public OplockLevelGrant Request(LocalOpen open, OplockLevelGrant requested, IReadOnlyCollection<LocalOpen> fileOpens, bool hasByteRangeLocks)
    {
        if (requested.Type == OplockType.Granular)
        {
            return RequestGranular(open, requested.Caching, fileOpens, hasByteRangeLocks);
        }
        if (open.IsDirectory || HolderOf(open) is not null)
        {
            return OplockLevelGrant.None;
        }
        switch (requested.Type)
        {
            case OplockType.LevelOne or OplockType.Batch:
                if (fileOpens.Any(other => other != open && !other.IsClosed) || holders.Count > 0)
                {
                    return OplockLevelGrant.None;
                }
                break;
            case OplockType.LevelTwo:
                if (hasByteRangeLocks || holders.Exists(holder => holder.Level.IsExclusive || holder.BreakingTo is not null
                        || (holder.IsGranular && (holder.Level.Caching & CachingLevel.Handle) != 0)))
                {
                    return OplockLevelGrant.None;
                }
                break;
            default:
                return OplockLevelGrant.None;
        }
        holders.Add(new OplockHolder(open, requested));
        return requested;
    }

    /// <summary>
    /// A granular request (the caching a lease asks for): a level a directory may not have, or no valid
    /// level at all, gets none; a level the key already holds or exceeds, or one asked while its break is
    /// under way, leaves the key's level as it is. Otherwise the level asked for, and failing that (another
    /// open is in the way) RH then R, as the file allows: write caching needs the key's opens to be the
    /// file's only ones with data access and no other oplock; read and handle caching need no byte-range
    /// lock, no exclusive oplock or break of another key, and handle caching no level II oplock.
    /// </summary>
    private OplockLevelGrant RequestGranular(LocalOpen open, CachingLevel wanted, IReadOnlyCollection<LocalOpen> fileOpens, bool hasByteRangeLocks)
    {
        var own = HolderOf(open);
        var have = own?.Level.Caching ?? CachingLevel.None;
        if (!IsValidGranular(wanted, open.IsDirectory) || (have & ~wanted) != 0 || own?.BreakingTo is not null || (wanted & ~have) == 0)
        {
            return new OplockLevelGrant(OplockType.Granular, have);
        }
        foreach (var candidate in Reductions(wanted, have))
        {
            if (Grantable(candidate, open, own, fileOpens, hasByteRangeLocks))
            {
                if (own is null)
                {
                    holders.Add(new OplockHolder(open, new OplockLevelGrant(OplockType.Granular, candidate)));
                }
                else
                {
                    own.Level = new OplockLevelGrant(OplockType.Granular, candidate);
                    own.Open = open;
                }
                return new OplockLevelGrant(OplockType.Granular, candidate);
            }
        }
        return new OplockLevelGrant(OplockType.Granular, have);
    }

    /// <summary>
    /// What to try for <paramref name="wanted"/>, best first: itself, then without write caching, then R;
    /// only levels that keep all the key already has (a lease is never lowered by a request).
    /// </summary>
    private static IEnumerable<CachingLevel> Reductions(CachingLevel wanted, CachingLevel have)
    {
        CachingLevel[] candidates = [wanted, wanted & ~CachingLevel.Write, CachingLevel.Read];
        return candidates.Distinct().Where(level => level != CachingLevel.None && (level & have) == have && level != have);
    }

    private bool Grantable(CachingLevel level, LocalOpen open, OplockHolder? own, IReadOnlyCollection<LocalOpen> fileOpens, bool hasByteRangeLocks)
    {
        var key = open.TargetOplockKey;
        var others = holders.Where(holder => holder != own).ToList();
        if ((level & CachingLevel.Write) != 0)
        {
            return others.Count == 0 && !fileOpens.Any(other => !other.IsClosed && other.TargetOplockKey != key && HasDataAccess(other));
        }
        return !hasByteRangeLocks
               && !others.Exists(holder => holder.Level.IsExclusive || holder.BreakingTo is not null)
               && ((level & CachingLevel.Handle) == 0 || !others.Exists(holder => holder.Level.Type == OplockType.LevelTwo));
    }

    /// <summary>MS-FSA's granular levels: R, RW, RH, RWH for a file; R and RH for a directory.</summary>
    private static bool IsValidGranular(CachingLevel level, bool isDirectory) => level switch
    {
        CachingLevel.Read or (CachingLevel.Read | CachingLevel.Handle) => true,
        (CachingLevel.Read | CachingLevel.Write) or (CachingLevel.Read | CachingLevel.Write | CachingLevel.Handle) => !isDirectory,
        _ => false,
    };

    private static bool HasDataAccess(LocalOpen open) =>
        (open.GrantedAccess & (Adapters.Wire.Messages.AccessMask.FileReadData | Adapters.Wire.Messages.AccessMask.FileWriteData
                               | Adapters.Wire.Messages.AccessMask.FileAppendData | Adapters.Wire.Messages.AccessMask.FileExecute
                               | Adapters.Wire.Messages.AccessMask.Delete)) != 0;

    /// <summary>
    /// MS-FSA 2.1.4.12 for an operation of <paramref name="byOpen"/> (or, for an open not yet made,
    /// of an open with <paramref name="byKey"/>): LEVEL_ONE and BATCH oplocks of other opens break to
    /// level II or to none and the operation must wait for the acknowledgment; level II oplocks break
    /// to none at once, with nothing to acknowledge; granular oplocks of other keys lose the caching
    /// the operation breaks (<see cref="BreakGranular"/>).
    /// </summary>
    public BreakCheck Check(LocalOpen? byOpen, OplockKey? byKey, BreakRequest request)
    {
        if (!request.BreaksAnything || holders.Count == 0)
        {
            return BreakCheck.Nothing;
        }
        var indications = new List<OplockBreakIndication>();
        var waits = new List<Task>();
        foreach (var holder in holders.ToList())
        {
            if (SameOplockKey(holder.Open, byOpen, byKey))
            {
                continue;
            }
            switch (holder.Level.Type)
            {
                case OplockType.LevelOne or OplockType.Batch:
                {
                    var toNone = request.BreakToNone || (request.BreakToNoneIfBatch && holder.Level.Type == OplockType.Batch);
                    if (!toNone && !request.BreakToTwo)
                    {
                        continue;
                    }
                    var target = toNone ? OplockLevelGrant.None : OplockLevelGrant.LevelTwo;
                    if (holder.BreakingTo is { } breakingTo)
                    {
                        if (target.IsNone && !breakingTo.IsNone)
                        {
                            holder.LoweredTo = target;
                        }
                    }
                    else
                    {
                        holder.StartBreak(target);
                        indications.Add(new OplockBreakIndication(holder.Open, target, AcknowledgeRequired: true));
                    }
                    waits.Add(holder.Broken);
                    break;
                }
                case OplockType.LevelTwo when request.BreakToNone:
                    holders.Remove(holder);
                    indications.Add(new OplockBreakIndication(holder.Open, OplockLevelGrant.None, AcknowledgeRequired: false));
                    break;
                case OplockType.Granular:
                    BreakGranular(holder, request.BreakCacheLevel, indications, waits);
                    break;
            }
        }
        return new BreakCheck(indications, waits.Count == 0 ? Task.CompletedTask : Task.WhenAll(waits));
    }

    /// <summary>
    /// A granular oplock loses what <paramref name="breakCacheLevel"/> breaks (losing read caching loses
    /// all). An R-only oplock breaks without an acknowledgment; any other needs one. The operation waits
    /// when write caching goes, or when it breaks handle caching the holder has; an RH oplock broken to
    /// none by a write is acknowledged later, without holding the write up. A holder already breaking is
    /// not told twice: the lower level is remembered for its acknowledgment.
    /// </summary>
    private void BreakGranular(OplockHolder holder, CachingLevel breakCacheLevel, List<OplockBreakIndication> indications, List<Task> waits)
    {
        var from = (holder.LoweredTo ?? holder.BreakingTo ?? holder.Level).Caching;
        var to = (breakCacheLevel & CachingLevel.Read) != 0 ? CachingLevel.None : from & ~breakCacheLevel;
        if (to == from)
        {
            return;
        }
        var wait = (from & CachingLevel.Write) != 0 || ((breakCacheLevel & CachingLevel.Handle) != 0 && (from & CachingLevel.Handle) != 0);
        var target = new OplockLevelGrant(OplockType.Granular, to);
        if (holder.BreakingTo is not null)
        {
            holder.LoweredTo = target;
        }
        else if ((from & (CachingLevel.Write | CachingLevel.Handle)) != 0)
        {
            holder.StartBreak(target);
            indications.Add(new OplockBreakIndication(holder.Open, target, AcknowledgeRequired: true));
        }
        else
        {
            holder.Level = target;
            if (to == CachingLevel.None)
            {
                holders.Remove(holder);
            }
            indications.Add(new OplockBreakIndication(holder.Open, target, AcknowledgeRequired: false));
            return;
        }
        if (wait)
        {
            waits.Add(holder.Broken);
        }
    }

    /// <summary>
    /// MS-FSA 2.1.5.18: the server acknowledges the break of <paramref name="open"/>'s oplock, keeping
    /// <paramref name="kept"/>. A break to level II acknowledged with level II leaves level II; an oplock's
    /// anything else leaves none. A granular break acknowledged keeps the level acknowledged, and one
    /// lowered meanwhile breaks on from there. Null when no break of that open is under way
    /// (STATUS_INVALID_OPLOCK_PROTOCOL).
    /// </summary>
    public AcknowledgmentResult? Acknowledge(LocalOpen open, OplockLevelGrant kept)
    {
        if (HolderOf(open) is not { BreakingTo: not null } holder)
        {
            return null;
        }
        var lowered = holder.LoweredTo;
        var target = holder.BreakingTo.Value;
        holder.EndBreak();
        if (!holder.IsGranular)
        {
            var keepsLevelTwo = target.Type == OplockType.LevelTwo && lowered is null && kept.Type == OplockType.LevelTwo;
            return Keep(holder, keepsLevelTwo ? OplockLevelGrant.LevelTwo : OplockLevelGrant.None);
        }
        var result = Keep(holder, new OplockLevelGrant(OplockType.Granular, kept.Caching));
        if (lowered is { } further && (kept.Caching & ~further.Caching) != 0)
        {
            var indications = new List<OplockBreakIndication>();
            BreakGranular(holder, kept.Caching & ~further.Caching, indications, []);
            return result with { FurtherBreaks = indications };
        }
        return result;
    }

    private AcknowledgmentResult Keep(OplockHolder holder, OplockLevelGrant level)
    {
        holder.Level = level;
        if (level.IsNone)
        {
            holders.Remove(holder);
        }
        return new AcknowledgmentResult(level, []);
    }

    /// <summary>
    /// MS-FSA 2.1.5.4: a closing open gives up its oplock and operations waiting on its break go on; a
    /// granular oplock moves to another open of its key that stays.
    /// </summary>
    public void Release(LocalOpen open, IReadOnlyCollection<LocalOpen> fileOpens)
    {
        if (holders.Find(holder => holder.Open == open) is not { } holder)
        {
            return;
        }
        if (holder.IsGranular && fileOpens.FirstOrDefault(other => other != open && !other.IsClosed && other.TargetOplockKey == open.TargetOplockKey) is { } next)
        {
            holder.Open = next;
            return;
        }
        holders.Remove(holder);
        holder.EndBreak();
    }

    /// <summary>The holder of <paramref name="open"/>'s oplock: its own, or its oplock key's granular one.</summary>
    private OplockHolder? HolderOf(LocalOpen open) =>
        holders.Find(holder => holder.Open == open)
        ?? (open.TargetOplockKey is { } key ? holders.Find(holder => holder.IsGranular && holder.Open.TargetOplockKey == key) : null);

    /// <summary>MS-FSA 2.1.4.12.2: the same open, or both opens carry the same non-empty oplock key.</summary>
    private static bool SameOplockKey(LocalOpen holder, LocalOpen? byOpen, OplockKey? byKey)
    {
        if (byOpen == holder)
        {
            return true;
        }
        var key = byOpen?.TargetOplockKey ?? byKey;
        return key is not null && holder.TargetOplockKey == key;
    }

    public override string ToString() => holders.Count == 0 ? "no oplock" : string.Join("; ", holders);
}
