namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// The oplocks of one file (MS-FSA 2.1.1.10 Oplock; one stream per file here): which opens hold which
/// level, the rules that grant them (2.1.5.17), the breaks each operation causes (2.1.4.12) and the
/// acknowledgment that ends a break (2.1.5.18). Every method is called under the file's gate and
/// returns the break indications for the caller to deliver once the gate is released.
/// </summary>
/// <remarks>
/// The object store's own rules, written from MS-FSA for the oplock types LEVEL_TWO, LEVEL_ONE and
/// BATCH. Operations never wait inside: a break that must be acknowledged gives the operation a task
/// to await, after which it checks again (the holder may have broken further, or closed).
/// </remarks>
public sealed class FileOplock
{
    private readonly List<OplockHolder> holders = [];

    /// <summary>The level <paramref name="open"/> holds now (None when it holds no oplock).</summary>
    public OplockLevelGrant LevelOf(LocalOpen open) => Find(open)?.Level ?? OplockLevelGrant.None;

    /// <summary>MS-FSA Oplock.State contains BATCH_OPLOCK: an open breaks it before the sharing check (2.1.5.1.2).</summary>
    public bool HasBatch => holders.Exists(holder => holder.Level.Type == OplockType.Batch);

    /// <summary>Whether <paramref name="open"/>'s oplock is being broken and the break is not yet acknowledged.</summary>
    public bool IsBreaking(LocalOpen open) => Find(open)?.BreakingTo is not null;

    /// <summary>
    /// MS-FSA 2.1.5.17: grants <paramref name="requested"/> to <paramref name="open"/>, or nothing
    /// (the level None) when the file's state does not allow it. LEVEL_ONE and BATCH need the open to be
    /// the file's only one; LEVEL_TWO needs no byte-range lock and no exclusive oplock or break under way.
    /// </summary>
    public OplockLevelGrant Request(LocalOpen open, OplockLevelGrant requested, IReadOnlyCollection<LocalOpen> fileOpens, bool hasByteRangeLocks)
    {
        if (open.IsDirectory || Find(open) is not null)
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
                if (hasByteRangeLocks || holders.Any(holder => holder.Level.IsExclusive || holder.BreakingTo is not null))
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
    /// MS-FSA 2.1.4.12 for an operation of <paramref name="byOpen"/> (or, for an open not yet made,
    /// of an open with <paramref name="byKey"/>): LEVEL_ONE and BATCH oplocks of other opens break to
    /// level II or to none and the operation must wait for the acknowledgment; level II oplocks break
    /// to none at once, with nothing to acknowledge.
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
                            holder.LowerBreak(target);
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
            }
        }
        return new BreakCheck(indications, waits.Count == 0 ? Task.CompletedTask : Task.WhenAll(waits));
    }

    /// <summary>
    /// MS-FSA 2.1.5.18: the server acknowledges the break of <paramref name="open"/>'s oplock, keeping
    /// <paramref name="kept"/>. A break to level II acknowledged with level II leaves level II; anything
    /// else leaves no oplock. Null when no break of that open is under way (STATUS_INVALID_OPLOCK_PROTOCOL).
    /// </summary>
    public OplockLevelGrant? Acknowledge(LocalOpen open, OplockLevelGrant kept)
    {
        if (Find(open) is not { BreakingTo: { } target } holder)
        {
            return null;
        }
        var result = kept.Type == OplockType.LevelTwo && target.Type == OplockType.LevelTwo ? OplockLevelGrant.LevelTwo : OplockLevelGrant.None;
        if (result.IsNone)
        {
            holders.Remove(holder);
        }
        else
        {
            holder.Level = result;
        }
        holder.EndBreak();
        return result;
    }

    /// <summary>MS-FSA 2.1.5.4: a closing open gives up its oplock; operations waiting on its break go on.</summary>
    public void Release(LocalOpen open)
    {
        if (Find(open) is { } holder)
        {
            holders.Remove(holder);
            holder.EndBreak();
        }
    }

    private OplockHolder? Find(LocalOpen open) => holders.Find(holder => holder.Open == open);

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
