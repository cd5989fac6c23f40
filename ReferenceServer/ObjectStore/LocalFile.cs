using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.ObjectStore;

/// <summary>
/// An MS-FSA file object (2.1.1.5 File) of a share while it has opens: its opens, their sharing
/// modes, the delete-pending flag, the byte-range locks and the oplocks. The stores are path-based and
/// know none of this. Guarded by <see cref="Gate"/>; break indications go to the table's sink only
/// after the gate is released.
/// </summary>
public sealed class LocalFile
{
    private const AccessMask ReadAccess = AccessMask.FileReadData | AccessMask.FileExecute;
    private const AccessMask WriteAccess = AccessMask.FileWriteData | AccessMask.FileAppendData;

    private TaskCompletionSource locksChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal LocalFile(LocalFileTable table, string path, bool isDirectory)
    {
        Table = table;
        Path = path;
        IsDirectory = isDirectory;
    }

    public object Gate { get; } = new();

    /// <summary>The share's file table (the volume) this file belongs to.</summary>
    public LocalFileTable Table { get; }

    /// <summary>The share-relative path; changes on rename.</summary>
    public string Path { get; internal set; }
    public bool IsDirectory { get; }

    /// <summary>MS-FSA File.OpenList. Read under <see cref="Gate"/>.</summary>
    public List<LocalOpen> Opens { get; } = [];
    public bool DeletePending { get; set; }

    /// <summary>MS-FSA Stream.ByteRangeLockList. Read and changed under <see cref="Gate"/>.</summary>
    public List<ByteRangeLock> Locks { get; } = [];

    /// <summary>MS-FSA Stream.Oplock. Used under <see cref="Gate"/>.</summary>
    public FileOplock Oplock { get; } = new();

    /// <summary>Completes at the next change of <see cref="Locks"/> (an unlock or a close); read under <see cref="Gate"/>.</summary>
    public Task LocksChanged => locksChanged.Task;

    /// <summary>Wakes blocked lock requests. Call under <see cref="Gate"/>.</summary>
    public void SignalLocksChanged()
    {
        locksChanged.TrySetResult();
        locksChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// The sharing check of MS-FSA 2.1.5.1.2 ("Check sharing access"): the new open's access must be
    /// shared by every existing open, and every existing open's access by the new one. Only data and
    /// delete access take part. Call under <see cref="Gate"/>.
    /// </summary>
    public bool SharingAllows(AccessMask desiredAccess, ShareAccess shareAccess)
    {
        foreach (var existing in Opens)
        {
            if (Conflicts(existing.GrantedAccess, shareAccess) || Conflicts(desiredAccess, existing.ShareAccess))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Adds an open to the file (the end of MS-FSA 2.1.5.1's open). Call under <see cref="Gate"/>.</summary>
    public LocalOpen AddOpen(AccessMask grantedAccess, ShareAccess shareAccess, OplockKey? targetOplockKey, OplockKey? parentOplockKey = null)
    {
        var open = new LocalOpen(this, grantedAccess, shareAccess, targetOplockKey, parentOplockKey);
        Opens.Add(open);
        return open;
    }

    /// <summary>
    /// Removes a closing open (MS-FSA 2.1.5.4): its locks and oplock go, waiting lock requests and
    /// operations waiting on its oplock break go on. Returns whether the file is now to be deleted.
    /// Call under <see cref="Gate"/>.
    /// </summary>
    public bool RemoveOpen(LocalOpen open, bool deleteOnClose)
    {
        if (deleteOnClose)
        {
            DeletePending = true;
        }
        open.IsClosed = true;
        Opens.Remove(open);
        Locks.RemoveAll(held => held.Owner == open);
        SignalLocksChanged();
        Oplock.Release(open, Opens);
        return Opens.Count == 0 && DeletePending;
    }

    /// <summary>
    /// Checks for the oplock breaks an operation causes (MS-FSA 2.1.4.12), indicates them to the server
    /// and returns what the operation must wait for (a completed task when nothing). Takes the gate.
    /// </summary>
    public Task CheckForOplockBreak(LocalOpen? byOpen, OplockKey? byKey, BreakRequest request)
    {
        BreakCheck check;
        lock (Gate)
        {
            check = Oplock.Check(byOpen, byKey, request);
        }
        Table.Indicate(check.Indications);
        return check.MustWaitFor;
    }

    /// <summary>MS-FSA 2.1.5.17: requests an oplock for <paramref name="open"/>; the level granted (None when refused). Takes the gate.</summary>
    public OplockLevelGrant RequestOplock(LocalOpen open, OplockLevelGrant requested)
    {
        lock (Gate)
        {
            return open.IsClosed ? OplockLevelGrant.None : Oplock.Request(open, requested, Opens, Locks.Count > 0);
        }
    }

    /// <summary>
    /// MS-FSA 2.1.5.18: acknowledges the break of <paramref name="open"/>'s oplock and indicates any
    /// further break it starts; the level kept, or null when no break was under way. Takes the gate.
    /// </summary>
    public OplockLevelGrant? AcknowledgeOplockBreak(LocalOpen open, OplockLevelGrant kept)
    {
        var result = AcknowledgeBreak(open, kept);
        if (result is null)
        {
            return null;
        }
        Table.Indicate(result.FurtherBreaks);
        return result.Level;
    }

    /// <summary>
    /// MS-FSA 2.1.5.18 as <see cref="AcknowledgeOplockBreak"/>, leaving the further breaks for the
    /// caller to indicate (<see cref="IndicateBreaks"/>) once its own answer has gone. Takes the gate.
    /// </summary>
    public AcknowledgmentResult? AcknowledgeBreak(LocalOpen open, OplockLevelGrant kept)
    {
        lock (Gate)
        {
            return Oplock.Acknowledge(open, kept);
        }
    }

    /// <summary>Indicates breaks an acknowledgment left over (<see cref="AcknowledgmentResult.FurtherBreaks"/>). Call outside every gate.</summary>
    public void IndicateBreaks(IReadOnlyList<OplockBreakIndication> breaks) => Table.Indicate(breaks);

    /// <summary>The oplock level <paramref name="open"/> holds now, directly or through its lease's key. Takes the gate.</summary>
    public OplockLevelGrant OplockLevelOf(LocalOpen open)
    {
        lock (Gate)
        {
            return Oplock.LevelOf(open);
        }
    }

    private static bool Conflicts(AccessMask access, ShareAccess sharedBy) =>
        ((access & ReadAccess) != 0 && (sharedBy & ShareAccess.FileShareRead) == 0)
        || ((access & WriteAccess) != 0 && (sharedBy & ShareAccess.FileShareWrite) == 0)
        || ((access & AccessMask.Delete) != 0 && (sharedBy & ShareAccess.FileShareDelete) == 0);

    public override string ToString() => $"file \"{Path}\" ({Opens.Count} opens, {Oplock})";
}
