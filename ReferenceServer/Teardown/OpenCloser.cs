using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Teardown;

/// <summary>
/// Closes an open (3.3.4.17; MS-FSA 2.1.5.4 cleanup): removes it from the tables, gives up its
/// byte-range locks and oplock (operations waiting on its break go on), leaves its lease, and deletes
/// the file when the last open of a delete-pending file goes (its directory's leases break). Closing an open twice does nothing the second time.
/// </summary>
internal static class OpenCloser
{
    public static async Task<FileEntry?> CloseAsync(Server server, Open open, bool queryAttributes = false)
    {
        if (!open.MarkClosed())
        {
            return null;
        }
        open.Session?.OpenTable.TryRemove(open.FileId.Volatile, out _);
        server.GlobalOpenTable.TryRemove(open.FileId.Persistent, out _);
        await open.Closed.CancelAsync().ConfigureAwait(false);
        if (open.TreeConnect is { } treeConnect)
        {
            Interlocked.Decrement(ref treeConnect.OpenCount);
        }
        LeaveLease(open);
        var files = open.Share.Files;
        var file = open.LocalOpen.File;
        if (files.Store is not { } store)
        {
            lock (file.Gate)
            {
                file.RemoveOpen(open.LocalOpen, deleteOnClose: false);
            }
            return null;
        }
        await files.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            bool deleteNow;
            lock (file.Gate)
            {
                deleteNow = file.RemoveOpen(open.LocalOpen, open.DeleteOnClose);
            }
            FileEntry? entry = null;
            if (queryAttributes && !deleteNow)
            {
                var found = await store.GetEntryAsync(file.Path).ConfigureAwait(false);
                entry = found.IsSuccess ? found.Value : null;
            }
            if (deleteNow)
            {
                _ = file.IsDirectory
                    ? await store.DeleteDirectoryAsync(file.Path).ConfigureAwait(false)
                    : await store.DeleteFileAsync(file.Path).ConfigureAwait(false);
                files.BreakParentOf(file.Path, open.LocalOpen.ParentOplockKey);
            }
            if (file.Opens.Count == 0)
            {
                files.RemoveIfUnused(file);
            }
            return entry;
        }
        finally
        {
            files.Lock.Release();
        }
    }

    /// <summary>The open leaves Lease.LeaseOpens; a lease left without opens leaves its client's lease table (its key is free for another file).</summary>
    private static void LeaveLease(Open open)
    {
        if (open.Lease is not { } lease)
        {
            return;
        }
        lock (lease.Gate)
        {
            lease.LeaseOpens.Remove(open);
            if (lease.LeaseOpens.Count == 0)
            {
                lease.Table.LeaseList.TryRemove(new KeyValuePair<Guid, Lease>(lease.LeaseKey, lease));
            }
        }
    }

    /// <summary>
    /// Closes an open on the server's own initiative (a break that cannot reach it), where nobody
    /// awaits the close: a failure is logged, and whatever the close would have ended times out instead.
    /// </summary>
    public static async Task CloseInBackgroundAsync(Server server, Open open, Action<string>? log, string why)
    {
        try
        {
            await CloseAsync(server, open).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // logged: nothing awaits this close
        catch (Exception e)
#pragma warning restore CA1031
        {
            log?.Invoke($"closing {open} for {why} failed: {e}");
        }
    }

    /// <summary>Closes every open of <paramref name="session"/>, or only those of <paramref name="onlyTree"/> (TREE_DISCONNECT, 3.3.5.8).</summary>
    public static async Task CloseAllAsync(Server server, Session session, TreeConnect? onlyTree = null)
    {
        foreach (var open in session.OpenTable.Values.Where(open => onlyTree is null || open.TreeConnect == onlyTree).ToList())
        {
            await CloseAsync(server, open).ConfigureAwait(false);
        }
    }
}
