using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

/// <summary>
/// The behaviour every share store must have, run against each store by a concrete fixture that
/// supplies it (<see cref="InMemoryShareStoreTests"/>, <see cref="DirectoryShareStoreTests"/>).
/// </summary>
public abstract partial class ShareStoreBehaviourTests
{
    /// <summary>2001-02-03 04:05:06 UTC plus 1234 × 100 ns, to prove sub-second times are kept exactly.</summary>
    protected static readonly long SampleTime = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc).ToFileTimeUtc() + 1234;

    protected IShareStore Store { get; private set; } = null!;

    protected abstract IShareStore CreateStore();

    [SetUp]
    public void CreateStoreForTest() => Store = CreateStore();

    protected static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + seed);
        }

        return bytes;
    }

    protected async Task<FileEntry> CreateFileWithAsync(string path, byte[] content)
    {
        StoreResult<FileEntry> created = await Store.CreateFileAsync(path);
        Assert.That(created.Status, Is.EqualTo(StoreStatus.Success), $"create {path}");
        StoreResult<int> written = await Store.WriteAsync(path, 0, content);
        Assert.That(written.Status, Is.EqualTo(StoreStatus.Success), $"write {path}");
        return created.Value;
    }

    protected async Task<byte[]> ReadAllAsync(string path)
    {
        FileEntry entry = (await Store.GetEntryAsync(path)).Value;
        var buffer = new byte[entry.EndOfFile];
        StoreResult<int> read = await Store.ReadAsync(path, 0, buffer);
        Assert.That(read.Value, Is.EqualTo(buffer.Length));
        return buffer;
    }

    protected async Task<FileEntry> EntryAsync(string path)
    {
        StoreResult<FileEntry> entry = await Store.GetEntryAsync(path);
        Assert.That(entry.Status, Is.EqualTo(StoreStatus.Success), path);
        return entry.Value;
    }

    protected async Task<string[]> NamesAsync(string path, string expression = "*")
    {
        StoreResult<IReadOnlyList<FileEntry>> listed = await Store.ListDirectoryAsync(path, expression);
        Assert.That(listed.Status, Is.EqualTo(StoreStatus.Success), path);
        return listed.Value.Select(entry => entry.Name).ToArray();
    }
}
