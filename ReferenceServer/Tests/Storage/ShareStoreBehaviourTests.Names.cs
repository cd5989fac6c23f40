using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    private static readonly string[] EscapingPaths =
    [
        "..", "..\\..\\etc", "a\\..\\..\\etc\\passwd", ".", "a\\.\\b", "\\etc", "\\", "/etc/passwd", "..//etc",
        "C:\\Windows", "a\\\\b", "a\\", "etc/passwd",
    ];

    [TestCase("quote\"")]
    [TestCase("star*")]
    [TestCase("slash/")]
    [TestCase("colon:")]
    [TestCase("less<")]
    [TestCase("greater>")]
    [TestCase("question?")]
    [TestCase("pipe|")]
    [TestCase("tab\t")]
    [TestCase("nul\0")]
    [TestCase("unit\u001F")]
    [TestCase("trailing.")]
    [TestCase("trailing ")]
    public async Task Create_of_an_invalid_name_is_name_invalid(string name)
    {
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.CreateFileAsync(name)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid));
            Assert.That((await Store.CreateDirectoryAsync(name)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid));
        });
        Assert.That(await NamesAsync(""), Is.Empty);
    }

    [Test]
    public async Task Component_length_limit_is_255()
    {
        string longest = new('n', 255);

        StoreResult<FileEntry> accepted = await Store.CreateFileAsync(longest);
        StoreResult<FileEntry> refused = await Store.CreateFileAsync(new string('n', 256));

        Assert.That(accepted.Value.Name, Is.EqualTo(longest));
        Assert.That(refused.Status, Is.EqualTo(StoreStatus.ObjectNameInvalid));
    }

    [Test]
    public async Task Names_beyond_ascii_are_kept_and_matched_ignoring_case()
    {
        await CreateFileWithAsync("Ünïcødé Ωmega.txt", Pattern(2, 2));

        FileEntry entry = await EntryAsync("üNÏCØDÉ ωMEGA.TXT");

        Assert.That(entry.Name, Is.EqualTo("Ünïcødé Ωmega.txt"));
    }

    [Test]
    public async Task Paths_escaping_the_share_are_name_invalid_everywhere()
    {
        await Store.CreateDirectoryAsync("a");
        await Store.CreateFileAsync("f");

        foreach (string path in EscapingPaths)
        {
            await Assert.MultipleAsync(async () =>
            {
                Assert.That((await Store.GetEntryAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.CreateFileAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.CreateDirectoryAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.ListDirectoryAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.ReadAsync(path, 0, new byte[1])).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.WriteAsync(path, 0, new byte[1])).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.RenameAsync("f", path, true)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.RenameAsync(path, "x", true)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.DeleteFileAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.DeleteDirectoryAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.SetEndOfFileAsync(path, 0)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
                Assert.That((await Store.SetBasicInformationAsync(path, new FileBasicInformationUpdate())).Status,
                    Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
            });
        }

        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "a", "f" }));
    }
}
