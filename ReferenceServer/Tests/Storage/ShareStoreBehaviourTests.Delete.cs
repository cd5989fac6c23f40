using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    [Test]
    public async Task Deleted_file_is_gone()
    {
        await CreateFileWithAsync("f", Pattern(5, 0));

        StoreResult result = await Store.DeleteFileAsync("F");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That((await Store.GetEntryAsync("f")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
        Assert.That((await Store.DeleteFileAsync("f")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
        Assert.That((await Store.CreateFileAsync("f")).Value.EndOfFile, Is.Zero, "the name can be reused");
    }

    [Test]
    public async Task Deleted_empty_directory_is_gone()
    {
        await Store.CreateDirectoryAsync("d");

        StoreResult result = await Store.DeleteDirectoryAsync("D");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That((await Store.GetEntryAsync("d")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
    }

    [Test]
    public async Task Delete_of_a_non_empty_directory_is_directory_not_empty()
    {
        await Store.CreateDirectoryAsync("d");
        await Store.CreateFileAsync("d\\f");

        StoreResult refused = await Store.DeleteDirectoryAsync("d");
        await Store.DeleteFileAsync("d\\f");
        StoreResult emptied = await Store.DeleteDirectoryAsync("d");

        Assert.That(refused.Status, Is.EqualTo(StoreStatus.DirectoryNotEmpty));
        Assert.That(emptied.IsSuccess, Is.True);
    }

    [Test]
    public async Task Delete_refusals_are_distinct()
    {
        await Store.CreateFileAsync("f");
        await Store.CreateDirectoryAsync("d");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.DeleteFileAsync("d")).Status, Is.EqualTo(StoreStatus.FileIsADirectory));
            Assert.That((await Store.DeleteDirectoryAsync("f")).Status, Is.EqualTo(StoreStatus.NotADirectory));
            Assert.That((await Store.DeleteDirectoryAsync("")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.DeleteFileAsync("missing\\f")).Status, Is.EqualTo(StoreStatus.ObjectPathNotFound));
            Assert.That((await Store.DeleteDirectoryAsync("missing")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
        });
        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "d", "f" }));
    }
}
