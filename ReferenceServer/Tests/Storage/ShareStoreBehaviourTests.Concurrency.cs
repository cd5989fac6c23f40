using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    [Test]
    public async Task Concurrent_writers_to_different_files_each_keep_their_own_bytes()
    {
        const int Files = 8;
        const int Blocks = 32;
        const int BlockSize = 4096;
        await Store.CreateDirectoryAsync("w");
        for (int f = 0; f < Files; f++)
        {
            await Store.CreateFileAsync($"w\\file{f}");
        }

        // Every file gets its blocks from several writers at once, in an order that interleaves them.
        Task[] writers = Enumerable.Range(0, Files * 4).Select(writer => Task.Run(async () =>
        {
            int file = writer % Files;
            for (int block = writer / Files; block < Blocks; block += 4)
            {
                StoreResult<int> written = await Store.WriteAsync(
                    $"w\\FILE{file}", (long)block * BlockSize, Pattern(BlockSize, (file * Blocks) + block));
                Assert.That(written.Value, Is.EqualTo(BlockSize));
            }
        })).ToArray();
        await Task.WhenAll(writers);

        for (int f = 0; f < Files; f++)
        {
            byte[] expected = Enumerable.Range(0, Blocks).SelectMany(block => Pattern(BlockSize, (f * Blocks) + block)).ToArray();
            Assert.That(await ReadAllAsync($"w\\file{f}"), Is.EqualTo(expected), $"file{f}");
        }
    }

    [Test]
    public async Task Concurrent_creates_in_one_directory_all_land_once()
    {
        const int Count = 64;
        await Store.CreateDirectoryAsync("c");

        // Each name is created twice at once (in two cases): exactly one of the pair wins.
        StoreStatus[] statuses = await Task.WhenAll(Enumerable.Range(0, Count * 2).Select(i => Task.Run(async () =>
        {
            string name = i % 2 == 0 ? $"entry{i / 2}" : $"ENTRY{i / 2}";
            return (await Store.CreateFileAsync($"c\\{name}")).Status;
        })));

        Assert.That(statuses.Count(status => status == StoreStatus.Success), Is.EqualTo(Count));
        Assert.That(statuses.Count(status => status == StoreStatus.ObjectNameCollision), Is.EqualTo(Count));
        Assert.That(await NamesAsync("c"), Has.Length.EqualTo(Count));
    }
}
