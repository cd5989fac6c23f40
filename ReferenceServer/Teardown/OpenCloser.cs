using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Teardown;

/// <summary>
/// Closes an open (3.3.4.17; MS-FSA 2.1.5.4 cleanup): removes it from the tables, gives up its
/// byte-range locks and oplock (operations waiting on its break go on), and deletes the file when the
/// last open of a delete-pending file goes. Closing an open twice does nothing the second time.
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

    /// <summary>Closes every open of <paramref name="session"/>, or only those of <paramref name="onlyTree"/> (TREE_DISCONNECT, 3.3.5.8).</summary>
    public static async Task CloseAllAsync(Server server, Session session, TreeConnect? onlyTree = null)
    {
        foreach (var open in session.OpenTable.Values.Where(open => onlyTree is null || open.TreeConnect == onlyTree).ToList())
        {
            await CloseAsync(server, open).ConfigureAwait(false);
        }
    }
}
