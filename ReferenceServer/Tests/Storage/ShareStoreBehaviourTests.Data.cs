using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    [Test]
    public async Task Written_bytes_read_back_and_set_the_size()
    {
        byte[] content = Pattern(100_000, 7);
        await Store.CreateFileAsync("data.bin");

        StoreResult<int> written = await Store.WriteAsync("data.bin", 0, content);
        FileEntry entry = await EntryAsync("data.bin");

        Assert.That(written.Value, Is.EqualTo(content.Length));
        Assert.That(entry.EndOfFile, Is.EqualTo(content.Length));
        Assert.That(await ReadAllAsync("data.bin"), Is.EqualTo(content));
    }

    [Test]
    public async Task Read_at_the_end_is_short_and_past_the_end_is_empty()
    {
        await CreateFileWithAsync("f", Pattern(10, 3));
        var buffer = new byte[8];

        StoreResult<int> tail = await Store.ReadAsync("f", 6, buffer);
        StoreResult<int> atEnd = await Store.ReadAsync("f", 10, buffer);
        StoreResult<int> beyond = await Store.ReadAsync("f", 1000, buffer);

        Assert.That(tail.Value, Is.EqualTo(4));
        Assert.That(buffer.AsSpan(0, 4).ToArray(), Is.EqualTo(Pattern(10, 3)[6..]));
        Assert.That(atEnd.Value, Is.Zero);
        Assert.That(beyond.Value, Is.Zero);
    }

    [Test]
    public async Task Read_inside_the_file_fills_the_buffer_from_the_offset()
    {
        byte[] content = Pattern(200_000, 9);
        await CreateFileWithAsync("f", content);
        var buffer = new byte[70_000];

        StoreResult<int> read = await Store.ReadAsync("f", 65_000, buffer);

        Assert.That(read.Value, Is.EqualTo(buffer.Length));
        Assert.That(buffer, Is.EqualTo(content[65_000..135_000]));
    }

    [Test]
    public async Task Write_past_the_end_zero_fills_the_gap()
    {
        await CreateFileWithAsync("f", Pattern(3, 1));

        await Store.WriteAsync("f", 100_000, Pattern(4, 2));
        byte[] all = await ReadAllAsync("f");

        Assert.That(all, Has.Length.EqualTo(100_004));
        Assert.That(all[..3], Is.EqualTo(Pattern(3, 1)));
        Assert.That(all[3..100_000], Is.All.Zero);
        Assert.That(all[100_000..], Is.EqualTo(Pattern(4, 2)));
    }

    [Test]
    public async Task Write_inside_the_file_overwrites_without_changing_the_size()
    {
        await CreateFileWithAsync("f", Pattern(10, 0));

        await Store.WriteAsync("f", 2, new byte[] { 0xAA, 0xBB });
        byte[] expected = Pattern(10, 0);
        expected[2] = 0xAA;
        expected[3] = 0xBB;

        Assert.That(await ReadAllAsync("f"), Is.EqualTo(expected));
    }

    [Test]
    public async Task Write_updates_the_last_write_and_change_times()
    {
        await Store.CreateFileAsync("f");
        await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(LastWriteTime: SampleTime, ChangeTime: SampleTime));

        await Store.WriteAsync("f", 0, Pattern(5, 5));
        FileEntry entry = await EntryAsync("f");

        Assert.That(entry.LastWriteTime, Is.GreaterThan(SampleTime));
        Assert.That(entry.ChangeTime, Is.GreaterThan(SampleTime));
    }

    [Test]
    public async Task Data_operations_on_a_directory_are_file_is_a_directory()
    {
        await Store.CreateDirectoryAsync("d");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.ReadAsync("d", 0, new byte[1])).Status, Is.EqualTo(StoreStatus.FileIsADirectory));
            Assert.That((await Store.WriteAsync("d", 0, new byte[1])).Status, Is.EqualTo(StoreStatus.FileIsADirectory));
            Assert.That((await Store.SetEndOfFileAsync("d", 1)).Status, Is.EqualTo(StoreStatus.FileIsADirectory));
            Assert.That((await Store.SetAllocationSizeAsync("d", 1)).Status, Is.EqualTo(StoreStatus.FileIsADirectory));
            Assert.That((await Store.ReadAsync("", 0, new byte[1])).Status, Is.EqualTo(StoreStatus.FileIsADirectory));
        });
    }

    [Test]
    public async Task Data_operations_on_a_missing_file_are_name_not_found()
    {
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.ReadAsync("nope", 0, new byte[1])).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
            Assert.That((await Store.WriteAsync("nope", 0, new byte[1])).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
            Assert.That((await Store.SetEndOfFileAsync("nope", 1)).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
            Assert.That((await Store.SetAllocationSizeAsync("nope", 1)).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
            Assert.That((await Store.ReadAsync("nope\\x", 0, new byte[1])).Status, Is.EqualTo(StoreStatus.ObjectPathNotFound));
        });
    }

    [Test]
    public async Task Negative_offsets_and_sizes_are_invalid_parameter()
    {
        await Store.CreateFileAsync("f");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.ReadAsync("f", -1, new byte[1])).Status, Is.EqualTo(StoreStatus.InvalidParameter));
            Assert.That((await Store.WriteAsync("f", -1, new byte[1])).Status, Is.EqualTo(StoreStatus.InvalidParameter));
            Assert.That((await Store.WriteAsync("f", long.MaxValue, new byte[1])).Status, Is.EqualTo(StoreStatus.InvalidParameter));
            Assert.That((await Store.SetEndOfFileAsync("f", -1)).Status, Is.EqualTo(StoreStatus.InvalidParameter));
            Assert.That((await Store.SetAllocationSizeAsync("f", -1)).Status, Is.EqualTo(StoreStatus.InvalidParameter));
        });
    }

    [Test]
    public async Task End_of_file_truncates_then_extends_with_zeros()
    {
        byte[] content = Pattern(70_000, 4);
        await CreateFileWithAsync("f", content);

        StoreResult truncated = await Store.SetEndOfFileAsync("f", 5);
        long sizeAfterTruncate = (await EntryAsync("f")).EndOfFile;
        StoreResult extended = await Store.SetEndOfFileAsync("f", 80_000);
        byte[] all = await ReadAllAsync("f");

        Assert.That(truncated.IsSuccess && extended.IsSuccess, Is.True);
        Assert.That(sizeAfterTruncate, Is.EqualTo(5));
        Assert.That(all, Has.Length.EqualTo(80_000));
        Assert.That(all[..5], Is.EqualTo(content[..5]));
        Assert.That(all[5..], Is.All.Zero, "truncated bytes must not come back when the file grows again");
    }

    [Test]
    public async Task Allocation_is_whole_clusters_and_never_below_the_size()
    {
        await CreateFileWithAsync("f", Pattern(5000, 1));

        FileEntry entry = await EntryAsync("f");

        Assert.That(entry.AllocationSize, Is.GreaterThanOrEqualTo(entry.EndOfFile));
        Assert.That(entry.AllocationSize % 4096, Is.Zero);
    }

    [Test]
    public async Task Allocation_above_the_size_reserves_without_changing_the_size()
    {
        await CreateFileWithAsync("f", Pattern(100, 1));

        StoreResult result = await Store.SetAllocationSizeAsync("f", 1 << 20);
        FileEntry entry = await EntryAsync("f");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(entry.EndOfFile, Is.EqualTo(100));
        Assert.That(entry.AllocationSize, Is.GreaterThanOrEqualTo(1 << 20));
        Assert.That(await ReadAllAsync("f"), Is.EqualTo(Pattern(100, 1)));
    }

    [Test]
    public async Task Allocation_shrinks_back_when_lowered_above_the_size()
    {
        await CreateFileWithAsync("f", Pattern(100, 1));
        await Store.SetAllocationSizeAsync("f", 1 << 20);

        StoreResult result = await Store.SetAllocationSizeAsync("f", 8192);
        FileEntry entry = await EntryAsync("f");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(entry.EndOfFile, Is.EqualTo(100));
        Assert.That(entry.AllocationSize, Is.EqualTo(8192));
    }

    [Test]
    public async Task Allocation_below_the_size_truncates_the_file()
    {
        await CreateFileWithAsync("f", Pattern(10_000, 2));

        StoreResult result = await Store.SetAllocationSizeAsync("f", 4096);
        FileEntry entry = await EntryAsync("f");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(entry.EndOfFile, Is.EqualTo(4096), "MS-FSA 2.1.5.14.1: the end of file drops to the allocation");
        Assert.That(entry.AllocationSize, Is.EqualTo(4096));
        Assert.That(await ReadAllAsync("f"), Is.EqualTo(Pattern(10_000, 2)[..4096]));
    }
}
