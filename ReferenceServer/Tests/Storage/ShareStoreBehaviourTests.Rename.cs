using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    [Test]
    public async Task Rename_moves_a_file_keeping_its_content_and_index()
    {
        FileEntry before = await CreateFileWithAsync("old.txt", Pattern(20, 3));
        await Store.CreateDirectoryAsync("dest");

        StoreResult result = await Store.RenameAsync("OLD.TXT", "dest\\New.txt", replaceIfExists: false);
        FileEntry after = await EntryAsync("dest\\new.txt");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That((await Store.GetEntryAsync("old.txt")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
        Assert.That(after.Name, Is.EqualTo("New.txt"));
        Assert.That(after.FileIndex, Is.EqualTo(before.FileIndex));
        Assert.That(await ReadAllAsync("dest\\New.txt"), Is.EqualTo(Pattern(20, 3)));
    }

    [Test]
    public async Task Rename_of_a_directory_carries_its_subtree()
    {
        await Store.CreateDirectoryAsync("a");
        await Store.CreateDirectoryAsync("a\\b");
        await CreateFileWithAsync("a\\b\\f", Pattern(7, 7));

        StoreResult result = await Store.RenameAsync("a", "z", replaceIfExists: false);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(await ReadAllAsync("z\\b\\f"), Is.EqualTo(Pattern(7, 7)));
        Assert.That((await Store.GetEntryAsync("a")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
    }

    [Test]
    public async Task Rename_to_a_different_case_of_the_same_name_renames_it()
    {
        await CreateFileWithAsync("readme.md", Pattern(3, 3));
        await Store.CreateDirectoryAsync("docs");

        StoreResult file = await Store.RenameAsync("readme.md", "README.MD", replaceIfExists: false);
        StoreResult directory = await Store.RenameAsync("docs", "Docs", replaceIfExists: false);

        Assert.That(file.IsSuccess && directory.IsSuccess, Is.True);
        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "Docs", "README.MD" }));
    }

    [Test]
    public async Task Rename_onto_itself_succeeds_and_changes_nothing()
    {
        await CreateFileWithAsync("same", Pattern(3, 3));

        StoreResult result = await Store.RenameAsync("same", "same", replaceIfExists: false);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(await ReadAllAsync("same"), Is.EqualTo(Pattern(3, 3)));
    }

    [Test]
    public async Task Rename_onto_an_existing_file_without_replace_is_a_collision()
    {
        await CreateFileWithAsync("a", Pattern(1, 1));
        await CreateFileWithAsync("b", Pattern(2, 2));

        StoreResult exact = await Store.RenameAsync("a", "b", replaceIfExists: false);
        StoreResult otherCase = await Store.RenameAsync("a", "B", replaceIfExists: false);

        Assert.That(exact.Status, Is.EqualTo(StoreStatus.ObjectNameCollision));
        Assert.That(otherCase.Status, Is.EqualTo(StoreStatus.ObjectNameCollision));
        Assert.That(await ReadAllAsync("a"), Is.EqualTo(Pattern(1, 1)));
        Assert.That(await ReadAllAsync("b"), Is.EqualTo(Pattern(2, 2)));
    }

    [TestCase("b")]
    [TestCase("B")]
    public async Task Rename_onto_an_existing_file_with_replace_replaces_it(string target)
    {
        await CreateFileWithAsync("a", Pattern(1, 1));
        await CreateFileWithAsync("b", Pattern(2, 2));

        StoreResult result = await Store.RenameAsync("a", target, replaceIfExists: true);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { target }));
        Assert.That(await ReadAllAsync("b"), Is.EqualTo(Pattern(1, 1)));
    }

    [Test]
    public async Task Rename_of_a_directory_onto_a_file_with_replace_replaces_the_file()
    {
        await Store.CreateDirectoryAsync("d");
        await Store.CreateFileAsync("d\\inner");
        await Store.CreateFileAsync("f");

        StoreResult result = await Store.RenameAsync("d", "f", replaceIfExists: true);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That((await EntryAsync("f")).IsDirectory, Is.True);
        Assert.That(await NamesAsync("f"), Is.EqualTo(new[] { "inner" }));
    }

    [Test]
    public async Task Rename_never_replaces_a_directory()
    {
        await Store.CreateFileAsync("f");
        await Store.CreateDirectoryAsync("d");

        StoreResult result = await Store.RenameAsync("f", "d", replaceIfExists: true);

        Assert.That(result.Status, Is.EqualTo(StoreStatus.AccessDenied));
        Assert.That((await EntryAsync("d")).IsDirectory, Is.True);
        Assert.That((await EntryAsync("f")).IsDirectory, Is.False);
    }

    [Test]
    public async Task Rename_of_a_directory_into_its_own_subtree_is_refused()
    {
        await Store.CreateDirectoryAsync("a");
        await Store.CreateDirectoryAsync("a\\b");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.RenameAsync("a", "a\\b\\a", false)).Status, Is.EqualTo(StoreStatus.InvalidParameter));
            Assert.That((await Store.RenameAsync("a", "A\\inside", false)).Status, Is.EqualTo(StoreStatus.InvalidParameter));
            Assert.That((await Store.RenameAsync("A", "a\\B\\deeper", true)).Status, Is.EqualTo(StoreStatus.InvalidParameter));
        });
        Assert.That(await NamesAsync("a"), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task Rename_refusals_are_distinct()
    {
        await Store.CreateFileAsync("f");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.RenameAsync("missing", "x", false)).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
            Assert.That((await Store.RenameAsync("f", "missing\\x", false)).Status, Is.EqualTo(StoreStatus.ObjectPathNotFound));
            Assert.That((await Store.RenameAsync("f", "f\\x", false)).Status, Is.EqualTo(StoreStatus.NotADirectory));
            Assert.That((await Store.RenameAsync("f", "bad?name", false)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid));
            Assert.That((await Store.RenameAsync("f", "trailing.", false)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid));
            Assert.That((await Store.RenameAsync("", "x", false)).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.RenameAsync("f", "", true)).Status, Is.EqualTo(StoreStatus.AccessDenied));
        });
        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "f" }));
    }
}
