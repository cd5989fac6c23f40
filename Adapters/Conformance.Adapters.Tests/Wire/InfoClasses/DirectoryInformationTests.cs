using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Tests.Wire.InfoClasses;

/// <summary>
/// The directory information classes (MS-FSCC 2.4), built by hand from their layouts with distinct
/// values: two entries each, the first padded to 8 bytes, the last unpadded.
/// </summary>
public class DirectoryInformationTests
{
    private const long Created = 0x01D9_0000_1111_2222;
    private const long Accessed = 0x01D9_0000_3333_4444;
    private const long Written = 0x01D9_0000_5555_6666;
    private const long Changed = 0x01D9_0000_7777_8888;

    // NextEntryOffset .. FileNameLength, the 64 bytes the classes share.
    private static SpecLayout Common(SpecLayout layout, uint next, uint index, long size, string name) => layout
        .U32(next).U32(index).I64(Created + index).I64(Accessed).I64(Written).I64(Changed)
        .I64(size).I64(size + 4096).U32(index == 1 ? 0x10u : 0x20u).U32((uint)name.Length * 2);

    private static T Fill<T>(T entry, uint index, long size, string name) where T : DirectoryInformationEntry
    {
        entry.FileIndex = index;
        entry.CreationTime = Created + index;
        entry.LastAccessTime = Accessed;
        entry.LastWriteTime = Written;
        entry.ChangeTime = Changed;
        entry.EndOfFile = size;
        entry.AllocationSize = size + 4096;
        entry.FileAttributes = index == 1 ? 0x10u : 0x20u;
        entry.FileName = name;
        return entry;
    }

    private static byte[] Two(Func<SpecLayout, uint, uint, long, string, SpecLayout> one, int fixedLength)
    {
        var firstSize = fixedLength + 2 * "dir".Length;
        var next = (uint)((firstSize + 7) / 8 * 8);
        var layout = one(new SpecLayout(), next, 1, 0, "dir").PadTo(8);
        return one(layout, 0, 2, 1234, "file.txt").ToArray();
    }

    private static void AssertRoundTrip<T>(List<T> built, byte[] golden) where T : class, IChainedEntry<T>
    {
        Assert.That(ChainedEntries.Encode(built), Is.EqualTo(golden), "encode");
        var decoded = ChainedEntries.Read<T>(golden).Unwrap();
        Assert.That(decoded, Has.Count.EqualTo(2));
        Assert.That(ChainedEntries.Encode(decoded), Is.EqualTo(golden), "decode then encode");
        for (var length = 1; length < golden.Length; length++)
        {
            Assert.That(ChainedEntries.Read<T>(golden.AsMemory(0, length)).IsSuccess, Is.False, $"{typeof(T).Name} truncated to {length}");
        }
    }

    [Test]
    public void FileDirectoryInformation()
    {
        var golden = Two((l, next, index, size, name) => Common(l, next, index, size, name).Utf16(name), 64);
        AssertRoundTrip([Fill(new FileDirectoryInformation(), 1, 0, "dir"), Fill(new FileDirectoryInformation(), 2, 1234, "file.txt")], golden);
        var decoded = ChainedEntries.Read<FileDirectoryInformation>(golden).Unwrap();
        Assert.That((decoded[1].FileName, decoded[1].EndOfFile, decoded[1].AllocationSize, decoded[1].CreationTime, decoded[0].FileAttributes),
            Is.EqualTo(("file.txt", 1234L, 1234L + 4096, Created + 2, 0x10u)));
    }

    [Test]
    public void FileFullDirectoryInformation()
    {
        var golden = Two((l, next, index, size, name) => Common(l, next, index, size, name).U32(0xEA000000 + index).Utf16(name), 68);
        AssertRoundTrip(
            [Fill(new FileFullDirectoryInformation { EaSize = 0xEA000001 }, 1, 0, "dir"), Fill(new FileFullDirectoryInformation { EaSize = 0xEA000002 }, 2, 1234, "file.txt")], golden);
        Assert.That(ChainedEntries.Read<FileFullDirectoryInformation>(golden).Unwrap()[1].EaSize, Is.EqualTo(0xEA000002));
    }

    [Test]
    public void FileIdFullDirectoryInformation()
    {
        var golden = Two((l, next, index, size, name) => Common(l, next, index, size, name).U32(0xEA000000 + index).U32(0).I64(0x7700 + index).Utf16(name), 80);
        AssertRoundTrip(
            [Fill(new FileIdFullDirectoryInformation { EaSize = 0xEA000001, FileId = 0x7701 }, 1, 0, "dir"),
             Fill(new FileIdFullDirectoryInformation { EaSize = 0xEA000002, FileId = 0x7702 }, 2, 1234, "file.txt")], golden);
        Assert.That(ChainedEntries.Read<FileIdFullDirectoryInformation>(golden).Unwrap()[1].FileId, Is.EqualTo(0x7702));
    }

    [Test]
    public void FileBothDirectoryInformation()
    {
        var golden = Two((l, next, index, size, name) => Common(l, next, index, size, name)
            .U32(index).U8(index == 2 ? (byte)18 : (byte)0).U8(0).Utf16(index == 2 ? "FILE~1.TX" : "").Zeros(index == 2 ? 24 - 18 : 24).Utf16(name), 94);
        AssertRoundTrip(
            [Fill(new FileBothDirectoryInformation { EaSize = 1 }, 1, 0, "dir"), Fill(new FileBothDirectoryInformation { EaSize = 2, ShortName = "FILE~1.TX" }, 2, 1234, "file.txt")],
            golden);
        Assert.That(ChainedEntries.Read<FileBothDirectoryInformation>(golden).Unwrap()[1].ShortName, Is.EqualTo("FILE~1.TX"));
    }

    [Test]
    public void FileIdBothDirectoryInformation()
    {
        var golden = Two((l, next, index, size, name) => Common(l, next, index, size, name)
            .U32(index).U8(index == 2 ? (byte)20 : (byte)0).U8(0).Utf16(index == 2 ? "FILE~1.TXT" : "").Zeros(index == 2 ? 4 : 24)
            .U16(0).I64(0x5500 + index).Utf16(name), 104);
        var shortName = "FILE~1.TXT";
        AssertRoundTrip(
            [Fill(new FileIdBothDirectoryInformation { EaSize = 1, FileId = 0x5501 }, 1, 0, "dir"),
             Fill(new FileIdBothDirectoryInformation { EaSize = 2, FileId = 0x5502, ShortName = shortName }, 2, 1234, "file.txt")], golden);
        var decoded = ChainedEntries.Read<FileIdBothDirectoryInformation>(golden).Unwrap();
        Assert.That((decoded[1].ShortName, decoded[1].FileId, decoded[0].ShortName), Is.EqualTo((shortName, 0x5502L, "")));
    }

    [Test]
    public void FileNamesInformation()
    {
        var golden = new SpecLayout().U32(16).U32(1).U32(2).Utf16("a").PadTo(8).U32(0).U32(2).U32(10).Utf16("b.txt").ToArray();
        AssertRoundTrip([new FileNamesInformation { FileIndex = 1, FileName = "a" }, new FileNamesInformation { FileIndex = 2, FileName = "b.txt" }], golden);
        Assert.That(ChainedEntries.Read<FileNamesInformation>(golden).Unwrap().Select(e => e.FileName), Is.EqualTo(new[] { "a", "b.txt" }));
    }

    [Test]
    public void RejectsAShortNameLongerThanItsField()
    {
        var golden = ChainedEntries.Encode([Fill(new FileBothDirectoryInformation(), 1, 0, "x")]);
        golden[68] = 26;
        var error = ChainedEntries.Read<FileBothDirectoryInformation>(golden).Error;
        Assert.That((error?.Field, error?.Offset), Is.EqualTo(("ShortNameLength", 68)));
    }
}
