using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// Closes an open (3.3.4.17, 3.3.5.10; MS-FSA 2.1.5.4 cleanup): removes it from the tables, drops its
/// byte-range locks, and deletes the file when the last open of a delete-pending file goes.
/// </summary>
internal static class OpenCloser
{
    public static async Task<FileEntry?> CloseAsync(Server server, Open open, bool queryAttributes = false)
    {
        open.Session?.OpenTable.TryRemove(open.FileId.Volatile, out _);
        server.GlobalOpenTable.TryRemove(open.FileId.Persistent, out _);
        open.Closed.Cancel();
        if (open.TreeConnect is { } treeConnect)
        {
            Interlocked.Decrement(ref treeConnect.OpenCount);
        }
        var share = open.TreeConnect?.Share;
        if (share?.Store is not { } store)
        {
            return null;
        }
        var file = open.LocalOpen;
        await share.Files.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            bool deleteNow;
            lock (file.Gate)
            {
                if (open.DeleteOnClose)
                {
                    file.DeletePending = true;
                }
                file.Opens.Remove(open);
                file.Locks.RemoveAll(held => held.Owner == open);
                file.SignalLocksChanged();
                deleteNow = file.Opens.Count == 0 && file.DeletePending;
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
            }
            if (file.Opens.Count == 0)
            {
                share.Files.RemoveIfUnused(file);
            }
            return entry;
        }
        finally
        {
            share.Files.Lock.Release();
        }
    }

    /// <summary>Closes every open of a tree connect (TREE_DISCONNECT, LOGOFF, connection loss).</summary>
    public static async Task CloseAllAsync(Server server, Session session, TreeConnect? onlyTree = null)
    {
        foreach (var open in session.OpenTable.Values.Where(open => onlyTree is null || open.TreeConnect == onlyTree).ToList())
        {
            await CloseAsync(server, open).ConfigureAwait(false);
        }
    }
}
