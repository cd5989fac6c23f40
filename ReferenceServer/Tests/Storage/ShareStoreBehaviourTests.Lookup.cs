using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    [Test]
    public async Task Root_is_an_empty_named_directory()
    {
        FileEntry root = await EntryAsync("");

        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.Empty);
            Assert.That(root.IsDirectory, Is.True);
            Assert.That(root.Attributes, Is.EqualTo(FileAttribute.Directory));
        });
    }

    [Test]
    public async Task Created_file_reports_its_metadata()
    {
        StoreResult<FileEntry> created = await Store.CreateFileAsync("Report.txt");
        FileEntry entry = await EntryAsync("Report.txt");

        Assert.Multiple(() =>
        {
            Assert.That(created.Value, Is.EqualTo(entry));
            Assert.That(entry.Name, Is.EqualTo("Report.txt"));
            Assert.That(entry.IsDirectory, Is.False);
            Assert.That(entry.EndOfFile, Is.Zero);
            Assert.That(entry.AllocationSize, Is.Zero);
            Assert.That(entry.Attributes, Is.EqualTo(FileAttribute.Archive), "MS-FSA 2.1.5.1.2.1: a new file gets ARCHIVE");
            Assert.That(entry.CreationTime, Is.GreaterThan(SampleTime));
            Assert.That(entry.LastWriteTime, Is.GreaterThanOrEqualTo(entry.CreationTime));
            Assert.That(entry.ChangeTime, Is.GreaterThanOrEqualTo(entry.CreationTime));
            Assert.That(entry.LastAccessTime, Is.GreaterThanOrEqualTo(entry.CreationTime));
            Assert.That(entry.FileIndex, Is.Not.Zero);
        });
    }

    [Test]
    public async Task Created_directory_reports_its_metadata()
    {
        StoreResult<FileEntry> created = await Store.CreateDirectoryAsync("Docs", FileAttribute.Hidden);
        FileEntry entry = await EntryAsync("Docs");

        Assert.Multiple(() =>
        {
            Assert.That(created.Value, Is.EqualTo(entry));
            Assert.That(entry.IsDirectory, Is.True);
            Assert.That(entry.EndOfFile, Is.Zero);
            Assert.That(entry.Attributes, Is.EqualTo(FileAttribute.Directory | FileAttribute.Hidden));
        });
    }

    [Test]
    public async Task Created_file_keeps_the_requested_attributes()
    {
        FileEntry entry = (await Store.CreateFileAsync("hidden.txt", FileAttribute.Hidden | FileAttribute.ReadOnly)).Value;

        Assert.That(entry.Attributes, Is.EqualTo(FileAttribute.Hidden | FileAttribute.ReadOnly | FileAttribute.Archive));
        Assert.That((await EntryAsync("HIDDEN.TXT")).Attributes, Is.EqualTo(entry.Attributes));
    }

    [Test]
    public async Task Every_entry_has_its_own_file_index()
    {
        await Store.CreateDirectoryAsync("d");
        await Store.CreateFileAsync("d\\a");
        await Store.CreateFileAsync("b");

        ulong[] indexes = [(await EntryAsync("")).FileIndex, (await EntryAsync("d")).FileIndex,
            (await EntryAsync("d\\a")).FileIndex, (await EntryAsync("b")).FileIndex];

        Assert.That(indexes, Is.Unique);
    }

    [Test]
    public async Task Lookups_ignore_case_and_report_the_stored_case()
    {
        await Store.CreateDirectoryAsync("Docs");
        await CreateFileWithAsync("Docs\\Report.TXT", Pattern(10, 1));

        FileEntry entry = await EntryAsync("DOCS\\report.txt");
        await Store.WriteAsync("docs\\REPORT.txt", 10, Pattern(5, 2));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(entry.Name, Is.EqualTo("Report.TXT"));
            Assert.That((await EntryAsync("docs")).Name, Is.EqualTo("Docs"));
            Assert.That((await EntryAsync("Docs\\Report.TXT")).EndOfFile, Is.EqualTo(15));
        });
    }

    [Test]
    public async Task Missing_last_component_is_name_not_found()
    {
        await Store.CreateDirectoryAsync("d");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.GetEntryAsync("missing")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
            Assert.That((await Store.GetEntryAsync("d\\missing")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
        });
    }

    [Test]
    public async Task Missing_intermediate_directory_is_path_not_found()
    {
        Assert.That((await Store.GetEntryAsync("missing\\file")).Status, Is.EqualTo(StoreStatus.ObjectPathNotFound));
        Assert.That((await Store.GetEntryAsync("missing\\deeper\\file")).Status, Is.EqualTo(StoreStatus.ObjectPathNotFound));
    }

    [Test]
    public async Task File_as_intermediate_component_is_not_a_directory()
    {
        await Store.CreateFileAsync("file");

        Assert.That((await Store.GetEntryAsync("file\\child")).Status, Is.EqualTo(StoreStatus.NotADirectory));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Create_of_an_existing_name_in_any_case_is_a_collision(bool directory)
    {
        await Store.CreateFileAsync("file.txt");
        await Store.CreateDirectoryAsync("Folder");

        foreach (string name in new[] { "file.txt", "FILE.TXT", "Folder", "folder" })
        {
            StoreStatus status = directory
                ? (await Store.CreateDirectoryAsync(name)).Status
                : (await Store.CreateFileAsync(name)).Status;
            Assert.That(status, Is.EqualTo(StoreStatus.ObjectNameCollision), name);
        }

        Assert.That((await Store.CreateFileAsync("")).Status, Is.EqualTo(StoreStatus.ObjectNameCollision), "the root");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Create_under_a_missing_directory_is_path_not_found(bool directory)
    {
        StoreStatus status = directory
            ? (await Store.CreateDirectoryAsync("missing\\new")).Status
            : (await Store.CreateFileAsync("missing\\new")).Status;

        Assert.That(status, Is.EqualTo(StoreStatus.ObjectPathNotFound));
        Assert.That((await Store.GetEntryAsync("missing")).Status, Is.EqualTo(StoreStatus.ObjectNameNotFound));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Create_under_a_file_is_not_a_directory(bool directory)
    {
        await Store.CreateFileAsync("file");

        StoreStatus status = directory
            ? (await Store.CreateDirectoryAsync("file\\new")).Status
            : (await Store.CreateFileAsync("file\\new")).Status;

        Assert.That(status, Is.EqualTo(StoreStatus.NotADirectory));
    }

    [Test]
    public async Task Create_with_invalid_attributes_is_invalid_parameter()
    {
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.CreateFileAsync("f", FileAttribute.Directory)).Status, Is.EqualTo(StoreStatus.InvalidParameter));
            Assert.That((await Store.CreateDirectoryAsync("d", FileAttribute.Temporary)).Status, Is.EqualTo(StoreStatus.InvalidParameter));
        });
    }
}
