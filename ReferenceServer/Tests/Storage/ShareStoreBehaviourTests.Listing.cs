using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    private async Task CreateListingSampleAsync()
    {
        await Store.CreateDirectoryAsync("dir");
        await CreateFileWithAsync("dir\\abc.txt", Pattern(3, 0));
        await CreateFileWithAsync("dir\\ABD.TXT", Pattern(4, 0));
        await CreateFileWithAsync("dir\\b.txt", Pattern(5, 0));
        await CreateFileWithAsync("dir\\readme", Pattern(6, 0));
        await Store.CreateDirectoryAsync("dir\\Sub");
        await Store.CreateFileAsync("dir\\Sub\\inner.txt");
    }

    [Test]
    public async Task Listing_returns_every_entry_with_metadata_ordered_by_name()
    {
        await CreateListingSampleAsync();

        StoreResult<IReadOnlyList<FileEntry>> listed = await Store.ListDirectoryAsync("dir");

        Assert.That(listed.Value.Select(entry => entry.Name), Is.EqualTo(new[] { "abc.txt", "ABD.TXT", "b.txt", "readme", "Sub" }));
        Assert.That(listed.Value.Select(entry => entry.EndOfFile), Is.EqualTo(new long[] { 3, 4, 5, 6, 0 }));
        Assert.That(listed.Value.Select(entry => entry.IsDirectory), Is.EqualTo(new[] { false, false, false, false, true }));
        Assert.That(listed.Value[0], Is.EqualTo(await EntryAsync("dir\\abc.txt")), "a listed entry carries the same metadata as a lookup");
    }

    [TestCase("*", new[] { "abc.txt", "ABD.TXT", "b.txt", "readme", "Sub" })]
    [TestCase("*.*", new[] { "abc.txt", "ABD.TXT", "b.txt", "readme", "Sub" })]
    [TestCase("*.txt", new[] { "abc.txt", "ABD.TXT", "b.txt" })]
    [TestCase("*.TXT", new[] { "abc.txt", "ABD.TXT", "b.txt" })]
    [TestCase("ab?.txt", new[] { "abc.txt", "ABD.TXT" })]
    [TestCase("?.txt", new[] { "b.txt" })]
    [TestCase("a*", new[] { "abc.txt", "ABD.TXT" })]
    [TestCase("abd.txt", new[] { "ABD.TXT" })]
    [TestCase("SUB", new[] { "Sub" })]
    [TestCase("*e*", new[] { "readme" })]
    [TestCase("<.txt", new[] { "abc.txt", "ABD.TXT", "b.txt" })]
    [TestCase("nothing*", new string[0])]
    public async Task Listing_matches_names_with_wildcards_ignoring_case(string expression, string[] expected)
    {
        await CreateListingSampleAsync();

        Assert.That(await NamesAsync("dir", expression), Is.EqualTo(expected));
    }

    [Test]
    public async Task Listing_the_root_and_an_empty_directory()
    {
        await Store.CreateDirectoryAsync("empty");
        await Store.CreateFileAsync("top.txt");

        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "empty", "top.txt" }));
        Assert.That(await NamesAsync("EMPTY"), Is.Empty, "\".\" and \"..\" are the handler's, not entries");
    }

    [Test]
    public async Task Listing_refusals_are_distinct()
    {
        await Store.CreateFileAsync("file");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.ListDirectoryAsync("file")).Status, Is.EqualTo(StoreStatus.NotADirectory));
            Assert.That((await Store.ListDirectoryAsync("missing")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
            Assert.That((await Store.ListDirectoryAsync("missing\\deeper")).Status, Is.EqualTo(StoreStatus.ObjectPathNotFound));
        });
    }
}
