using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.ObjectStore;

/// <summary>
/// An MS-FSA file object (2.1.1.5 File) of a share while it has opens: the opens, their sharing
/// modes, the delete-pending flag and the byte-range locks. The stores are path-based and know none
/// of this. Guarded by its own lock.
/// </summary>
public sealed class LocalFile(string path, bool isDirectory)
{
    private const AccessMask ReadAccess = AccessMask.FileReadData | AccessMask.FileExecute;
    private const AccessMask WriteAccess = AccessMask.FileWriteData | AccessMask.FileAppendData;

    public object Gate { get; } = new();

    /// <summary>The share-relative path; changes on rename.</summary>
    public string Path { get; set; } = path;
    public bool IsDirectory { get; } = isDirectory;
    public List<Open> Opens { get; } = [];
    public bool DeletePending { get; set; }
    public List<ByteRangeLock> Locks { get; } = [];

    private TaskCompletionSource locksChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
    /// delete access take part.
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

    private static bool Conflicts(AccessMask access, ShareAccess sharedBy) =>
        ((access & ReadAccess) != 0 && (sharedBy & ShareAccess.FileShareRead) == 0)
        || ((access & WriteAccess) != 0 && (sharedBy & ShareAccess.FileShareWrite) == 0)
        || ((access & AccessMask.Delete) != 0 && (sharedBy & ShareAccess.FileShareDelete) == 0);
}
