using System.Runtime.Versioning;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

/// <summary>The shared behaviour on a real directory, plus what only a real file system can show: the jail and the disk.</summary>
[TestFixture]
[Platform("Linux")]
[SupportedOSPlatform("linux")]
public sealed class DirectoryShareStoreTests : ShareStoreBehaviourTests
{
    private DirectoryInfo sandbox = null!;
    private string root = null!;
    private string outside = null!;

    protected override IShareStore CreateStore()
    {
        sandbox = Directory.CreateTempSubdirectory("refserver-storage-");
        root = Directory.CreateDirectory(Path.Combine(sandbox.FullName, "share")).FullName;
        outside = Directory.CreateDirectory(Path.Combine(sandbox.FullName, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        return new DirectoryShareStore(root, "SHARE");
    }

    [TearDown]
    public void DeleteSandbox() => sandbox.Delete(recursive: true);

    [Test]
    public async Task Entries_are_real_files_and_directories_under_the_root()
    {
        await Store.CreateDirectoryAsync("Docs");
        await CreateFileWithAsync("Docs\\Note.txt", Pattern(12, 1));

        Assert.That(File.ReadAllBytes(Path.Combine(root, "Docs", "Note.txt")), Is.EqualTo(Pattern(12, 1)));
    }

    [Test]
    public async Task Names_on_disk_are_found_ignoring_case()
    {
        Directory.CreateDirectory(Path.Combine(root, "MixedCase"));
        File.WriteAllText(Path.Combine(root, "MixedCase", "File.TXT"), "abc");

        FileEntry entry = await EntryAsync("mixedcase\\file.txt");

        Assert.That(entry.Name, Is.EqualTo("File.TXT"));
        Assert.That(entry.EndOfFile, Is.EqualTo(3));
    }

    [Test]
    public async Task An_exact_name_wins_over_names_differing_only_in_case()
    {
        File.WriteAllText(Path.Combine(root, "a.txt"), "lower");
        File.WriteAllText(Path.Combine(root, "A.TXT"), "UPPER!");

        Assert.That((await EntryAsync("a.txt")).EndOfFile, Is.EqualTo(5));
        Assert.That((await EntryAsync("A.TXT")).EndOfFile, Is.EqualTo(6));
        Assert.That((await EntryAsync("a.TXT")).Name, Is.EqualTo("A.TXT"), "otherwise the first in ordinal order");
    }

    [Test]
    public async Task Times_and_index_come_from_the_file_system()
    {
        string path = Path.Combine(root, "f");
        File.WriteAllText(path, "x");
        var written = new DateTime(2010, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(4321);
        File.SetLastWriteTimeUtc(path, written);

        FileEntry entry = await EntryAsync("f");
        File.Move(path, Path.Combine(root, "g"));

        Assert.That(entry.LastWriteTime, Is.EqualTo(written.ToFileTimeUtc()));
        Assert.That((await EntryAsync("g")).FileIndex, Is.EqualTo(entry.FileIndex), "the inode survives a rename");
    }

    [Test]
    public async Task Read_only_is_the_write_permission_on_disk()
    {
        await Store.CreateFileAsync("f");

        await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(Attributes: FileAttribute.ReadOnly));
        UnixFileMode mode = File.GetUnixFileMode(Path.Combine(root, "f"));

        Assert.That(mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite), Is.EqualTo(UnixFileMode.None));
        Assert.That(mode & UnixFileMode.UserRead, Is.EqualTo(UnixFileMode.UserRead));
    }

    [Test]
    public async Task Names_no_client_could_send_are_left_out_of_listings()
    {
        File.WriteAllText(Path.Combine(root, "colon:name"), "x");
        File.WriteAllText(Path.Combine(root, "back\\slash"), "x");
        File.WriteAllText(Path.Combine(root, "fine"), "x");

        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "fine" }));
    }

    [Test]
    public async Task Hidden_dot_files_are_listed()
    {
        File.WriteAllText(Path.Combine(root, ".profile"), "x");

        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { ".profile" }));
    }

    [Test]
    public void Construction_needs_an_existing_directory() =>
        Assert.That(() => new DirectoryShareStore(Path.Combine(sandbox.FullName, "missing")), Throws.TypeOf<DirectoryNotFoundException>());

    [TestCase("/etc")]
    [TestCase("outside")]
    public async Task A_symbolic_link_to_a_directory_outside_is_never_followed(string target)
    {
        string linkTarget = target == "outside" ? outside : target;
        Directory.CreateSymbolicLink(Path.Combine(root, "etc"), linkTarget);
        Directory.CreateDirectory(Path.Combine(root, "d"));
        Directory.CreateSymbolicLink(Path.Combine(root, "d", "up"), "..");
        string[] before = Directory.GetFileSystemEntries(linkTarget);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.GetEntryAsync("etc")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.GetEntryAsync("ETC\\passwd")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.GetEntryAsync("etc\\secret.txt")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.ReadAsync("etc\\secret.txt", 0, new byte[16])).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.ListDirectoryAsync("etc")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.CreateFileAsync("etc\\planted")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.CreateDirectoryAsync("etc\\planted")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.RenameAsync("etc", "renamed", false)).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.DeleteDirectoryAsync("etc")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.GetEntryAsync("d\\up\\share")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.CreateFileAsync("d\\up\\planted")).Status, Is.EqualTo(StoreStatus.AccessDenied));
        });
        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "d" }), "links are not listed");
        Assert.That(await NamesAsync("d"), Is.Empty);
        Assert.That(Directory.GetFileSystemEntries(linkTarget), Is.EquivalentTo(before), "nothing was planted outside");
        Assert.That(Directory.ResolveLinkTarget(Path.Combine(root, "etc"), false)?.FullName, Is.EqualTo(linkTarget), "the link is intact");
    }

    [Test]
    public async Task A_symbolic_link_to_a_file_is_never_followed_even_inside_the_root()
    {
        string secret = Path.Combine(outside, "secret.txt");
        File.CreateSymbolicLink(Path.Combine(root, "secret"), secret);
        File.WriteAllText(Path.Combine(root, "real.txt"), "real");
        File.CreateSymbolicLink(Path.Combine(root, "alias.txt"), "real.txt");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.ReadAsync("secret", 0, new byte[16])).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.WriteAsync("secret", 0, new byte[] { 1 })).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.SetEndOfFileAsync("secret", 0)).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.DeleteFileAsync("secret")).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.SetBasicInformationAsync("secret", new FileBasicInformationUpdate(LastWriteTime: SampleTime))).Status,
                Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.ReadAsync("alias.txt", 0, new byte[16])).Status, Is.EqualTo(StoreStatus.AccessDenied));
            Assert.That((await Store.RenameAsync("real.txt", "secret", true)).Status, Is.EqualTo(StoreStatus.AccessDenied));
        });
        Assert.That(File.ReadAllText(secret), Is.EqualTo("secret"));
        Assert.That(File.GetLastWriteTimeUtc(secret).ToFileTimeUtc(), Is.Not.EqualTo(SampleTime));
        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "real.txt" }));
    }

    [Test]
    public async Task A_symbolic_link_name_is_taken_so_create_over_it_collides()
    {
        File.CreateSymbolicLink(Path.Combine(root, "link"), Path.Combine(outside, "secret.txt"));

        Assert.That((await Store.CreateFileAsync("LINK")).Status, Is.EqualTo(StoreStatus.ObjectNameCollision));
        Assert.That(File.ReadAllText(Path.Combine(outside, "secret.txt")), Is.EqualTo("secret"));
    }

    [Test]
    public async Task Escaping_paths_reach_nothing_outside_the_root()
    {
        string[] escapes = ["..\\outside\\secret.txt", "..\\..\\etc\\passwd", "/etc/passwd", $"{outside}/secret.txt", "\\etc\\passwd"];

        foreach (string path in escapes)
        {
            Assert.That((await Store.GetEntryAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
            Assert.That((await Store.DeleteFileAsync(path)).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
            Assert.That((await Store.WriteAsync(path, 0, new byte[] { 1 })).Status, Is.EqualTo(StoreStatus.ObjectNameInvalid), path);
        }

        Assert.That(File.ReadAllText(Path.Combine(outside, "secret.txt")), Is.EqualTo("secret"));
    }
}
