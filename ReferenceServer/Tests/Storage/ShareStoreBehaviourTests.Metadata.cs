using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

public abstract partial class ShareStoreBehaviourTests
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task Basic_information_sets_every_timestamp_exactly(bool directory)
    {
        if (directory)
        {
            await Store.CreateDirectoryAsync("e");
        }
        else
        {
            await Store.CreateFileAsync("e");
        }

        StoreResult result = await Store.SetBasicInformationAsync("e", new FileBasicInformationUpdate(
            CreationTime: SampleTime, LastAccessTime: SampleTime + 10, LastWriteTime: SampleTime + 20, ChangeTime: SampleTime + 30));
        FileEntry entry = await EntryAsync("e");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(
            new[] { entry.CreationTime, entry.LastAccessTime, entry.LastWriteTime, entry.ChangeTime },
            Is.EqualTo(new[] { SampleTime, SampleTime + 10, SampleTime + 20, SampleTime + 30 }));
    }

    [Test]
    public async Task Basic_information_leaves_null_members_unchanged()
    {
        await Store.CreateFileAsync("f", FileAttribute.Hidden);
        await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(
            CreationTime: SampleTime, LastAccessTime: SampleTime, LastWriteTime: SampleTime));

        await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(LastWriteTime: SampleTime + 5));
        FileEntry entry = await EntryAsync("f");

        Assert.That(entry.CreationTime, Is.EqualTo(SampleTime));
        Assert.That(entry.LastAccessTime, Is.EqualTo(SampleTime));
        Assert.That(entry.LastWriteTime, Is.EqualTo(SampleTime + 5));
        Assert.That(entry.Attributes, Is.EqualTo(FileAttribute.Hidden | FileAttribute.Archive));
    }

    [Test]
    public async Task Basic_information_replaces_the_attributes()
    {
        await Store.CreateFileAsync("f");

        await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(
            Attributes: FileAttribute.ReadOnly | FileAttribute.Hidden | FileAttribute.System));
        FileAttribute set = (await EntryAsync("f")).Attributes;
        await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(Attributes: FileAttribute.Normal));
        FileAttribute cleared = (await EntryAsync("f")).Attributes;

        Assert.That(set, Is.EqualTo(FileAttribute.ReadOnly | FileAttribute.Hidden | FileAttribute.System));
        Assert.That(cleared, Is.EqualTo(FileAttribute.Normal), "NORMAL is reported only when nothing else is set");
    }

    [Test]
    public async Task Basic_information_on_a_directory_keeps_the_directory_attribute()
    {
        await Store.CreateDirectoryAsync("d");

        StoreResult result = await Store.SetBasicInformationAsync("d", new FileBasicInformationUpdate(
            Attributes: FileAttribute.Hidden | FileAttribute.Directory));

        Assert.That(result.IsSuccess, Is.True);
        Assert.That((await EntryAsync("d")).Attributes, Is.EqualTo(FileAttribute.Directory | FileAttribute.Hidden));
    }

    [Test]
    public async Task Basic_information_refusals_are_distinct()
    {
        await Store.CreateFileAsync("f");
        await Store.CreateDirectoryAsync("d");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(Attributes: FileAttribute.Directory))).Status,
                Is.EqualTo(StoreStatus.InvalidParameter), "MS-FSA 2.1.5.14.2: DIRECTORY on a file");
            Assert.That((await Store.SetBasicInformationAsync("d", new FileBasicInformationUpdate(Attributes: FileAttribute.Temporary))).Status,
                Is.EqualTo(StoreStatus.InvalidParameter), "MS-FSA 2.1.5.14.2: TEMPORARY on a directory");
            Assert.That((await Store.SetBasicInformationAsync("f", new FileBasicInformationUpdate(LastWriteTime: -5))).Status,
                Is.EqualTo(StoreStatus.InvalidParameter), "a negative time is for the handler to interpret, never stored");
            Assert.That((await Store.SetBasicInformationAsync("missing", new FileBasicInformationUpdate(LastWriteTime: SampleTime))).Status,
                Is.EqualTo(StoreStatus.ObjectNameNotFound));
        });
        Assert.That((await EntryAsync("f")).Attributes, Is.EqualTo(FileAttribute.Archive), "a refused change changes nothing");
    }

    [Test]
    public async Task Volume_information_describes_the_share()
    {
        VolumeInformation first = await Store.GetVolumeInformationAsync();
        await CreateFileWithAsync("f", Pattern(10, 0));
        VolumeInformation second = await Store.GetVolumeInformationAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.TotalBytes, Is.Positive);
            Assert.That(first.FreeBytes, Is.InRange(0, first.TotalBytes));
            Assert.That(first.BytesPerSector, Is.EqualTo(512));
            Assert.That(first.SectorsPerAllocationUnit, Is.EqualTo(8));
            Assert.That(first.BytesPerAllocationUnit, Is.EqualTo(4096));
            Assert.That(first.Label, Is.Not.Empty);
            Assert.That(first.FileSystemName, Is.EqualTo("NTFS"));
            Assert.That(first.MaximumComponentNameLength, Is.EqualTo(255));
            Assert.That(first.CreationTime, Is.Positive);
            Assert.That(second.SerialNumber, Is.EqualTo(first.SerialNumber));
            Assert.That(second.Label, Is.EqualTo(first.Label));
        });
    }
}
