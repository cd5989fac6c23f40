using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

[TestFixture]
public sealed class InMemoryShareStoreTests : ShareStoreBehaviourTests
{
    protected override IShareStore CreateStore() => new InMemoryShareStore();

    [Test]
    public async Task Writes_beyond_the_capacity_are_disk_full_and_deletes_give_space_back()
    {
        var store = new InMemoryShareStore(capacity: 64 * 1024);
        await store.CreateFileAsync("a");
        await store.CreateFileAsync("b");

        StoreResult<int> fits = await store.WriteAsync("a", 0, new byte[60 * 1024]);
        StoreResult<int> overflows = await store.WriteAsync("b", 0, new byte[8 * 1024]);
        VolumeInformation full = await store.GetVolumeInformationAsync();
        await store.DeleteFileAsync("a");
        StoreResult<int> afterDelete = await store.WriteAsync("b", 0, new byte[8 * 1024]);
        VolumeInformation after = await store.GetVolumeInformationAsync();

        Assert.That(fits.Value, Is.EqualTo(60 * 1024));
        Assert.That(overflows.Status, Is.EqualTo(StoreStatus.DiskFull));
        Assert.That(full.FreeBytes, Is.EqualTo(4 * 1024));
        Assert.That(afterDelete.Value, Is.EqualTo(8 * 1024));
        Assert.That(after.FreeBytes, Is.EqualTo(56 * 1024));
        Assert.That((await store.GetEntryAsync("b")).Value.EndOfFile, Is.EqualTo(8 * 1024), "a refused write changes nothing");
    }

    [Test]
    public async Task End_of_file_and_allocation_beyond_the_capacity_are_disk_full()
    {
        var store = new InMemoryShareStore(capacity: 1 << 20);
        await store.CreateFileAsync("f");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await store.SetEndOfFileAsync("f", 2 << 20)).Status, Is.EqualTo(StoreStatus.DiskFull));
            Assert.That((await store.SetAllocationSizeAsync("f", 2 << 20)).Status, Is.EqualTo(StoreStatus.DiskFull));
            Assert.That((await store.WriteAsync("f", long.MaxValue - 10, new byte[1])).Status, Is.EqualTo(StoreStatus.DiskFull));
            Assert.That((await store.GetEntryAsync("f")).Value.EndOfFile, Is.Zero);
        });
    }

    [Test]
    public async Task Times_come_from_the_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryShareStore(clock: clock);
        long created = FileTime.From(clock.GetUtcNow());

        await store.CreateFileAsync("f");
        clock.Advance(TimeSpan.FromSeconds(5));
        await store.WriteAsync("f", 0, new byte[1]);
        FileEntry entry = (await store.GetEntryAsync("f")).Value;

        Assert.That(entry.CreationTime, Is.EqualTo(created));
        Assert.That(entry.LastAccessTime, Is.EqualTo(created));
        Assert.That(entry.LastWriteTime, Is.EqualTo(created + 50_000_000));
        Assert.That(entry.ChangeTime, Is.EqualTo(created + 50_000_000));
        Assert.That((await store.GetEntryAsync("")).Value.LastWriteTime, Is.EqualTo(created), "creating a child touches its directory");
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
