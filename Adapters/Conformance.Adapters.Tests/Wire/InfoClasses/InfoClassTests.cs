using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Tests.Wire.InfoClasses;

/// <summary>
/// Each information class (MS-FSCC 2.4, 2.5) encoded from typed values and decoded from golden bytes
/// built by hand from its layout with distinct field values; every truncation fails.
/// </summary>
public class InfoClassTests
{
    private static T RoundTrip<T>(T built, byte[] golden) where T : class, IInfoClass<T>
    {
        Assert.That(built.ToBytes(), Is.EqualTo(golden), $"{typeof(T).Name} encode");
        var decoded = T.Read(golden).Unwrap();
        Assert.That(decoded.ToBytes(), Is.EqualTo(golden), $"{typeof(T).Name} decode then encode");
        for (var length = 0; length < golden.Length; length++)
        {
            Assert.That(T.Read(golden.AsMemory(0, length)).IsSuccess, Is.False, $"{typeof(T).Name} truncated to {length}");
        }
        return decoded;
    }

    [Test]
    public void FileBasicInformation()
    {
        var golden = new SpecLayout().I64(0x0101).I64(0x0202).I64(-1).I64(0).U32(0x21).U32(0).ToArray();
        var decoded = RoundTrip(new FileBasicInformation { CreationTime = 0x0101, LastAccessTime = 0x0202, LastWriteTime = -1, FileAttributes = 0x21 }, golden);
        Assert.That((decoded.CreationTime, decoded.LastAccessTime, decoded.LastWriteTime, decoded.ChangeTime, decoded.FileAttributes), Is.EqualTo((0x0101L, 0x0202L, -1L, 0L, 0x21u)));
    }

    [Test]
    public void FileStandardInformation()
    {
        var golden = new SpecLayout().I64(8192).I64(5000).U32(2).U8(1).U8(0).U16(0).ToArray();
        var decoded = RoundTrip(new FileStandardInformation { AllocationSize = 8192, EndOfFile = 5000, NumberOfLinks = 2, DeletePending = true }, golden);
        Assert.That((decoded.AllocationSize, decoded.EndOfFile, decoded.NumberOfLinks, decoded.DeletePending, decoded.Directory), Is.EqualTo((8192L, 5000L, 2u, true, false)));
    }

    [Test]
    public void FileInternalEaAccessPositionModeAlignment()
    {
        Assert.That(RoundTrip(new FileInternalInformation { IndexNumber = 0x0001000200030004 }, new SpecLayout().U64(0x0001000200030004).ToArray()).IndexNumber, Is.EqualTo(0x0001000200030004));
        Assert.That(RoundTrip(new FileEaInformation { EaSize = 77 }, new SpecLayout().U32(77).ToArray()).EaSize, Is.EqualTo(77));
        Assert.That(RoundTrip(new FileAccessInformation { AccessFlags = 0x001F01FF }, new SpecLayout().U32(0x001F01FF).ToArray()).AccessFlags, Is.EqualTo(0x001F01FF));
        Assert.That(RoundTrip(new FilePositionInformation { CurrentByteOffset = 65537 }, new SpecLayout().I64(65537).ToArray()).CurrentByteOffset, Is.EqualTo(65537));
        Assert.That(RoundTrip(new FileModeInformation { Mode = 0x00000002 }, new SpecLayout().U32(2).ToArray()).Mode, Is.EqualTo(2));
        Assert.That(RoundTrip(new FileAlignmentInformation { AlignmentRequirement = 0x1FF }, new SpecLayout().U32(0x1FF).ToArray()).AlignmentRequirement, Is.EqualTo(0x1FF));
    }

    [Test]
    public void FileNameInformation()
    {
        var golden = new SpecLayout().U32(16).Utf16("\\dir\\a.b").ToArray();
        Assert.That(RoundTrip(new FileNameInformation { FileName = "\\dir\\a.b" }, golden).FileName, Is.EqualTo("\\dir\\a.b"));
    }

    [Test]
    public void FileNetworkOpenInformation()
    {
        var golden = new SpecLayout().I64(1).I64(2).I64(3).I64(4).I64(4096).I64(10).U32(0x80).U32(0).ToArray();
        var decoded = RoundTrip(new FileNetworkOpenInformation { CreationTime = 1, LastAccessTime = 2, LastWriteTime = 3, ChangeTime = 4, AllocationSize = 4096, EndOfFile = 10, FileAttributes = 0x80 }, golden);
        Assert.That((decoded.ChangeTime, decoded.AllocationSize, decoded.EndOfFile, decoded.FileAttributes), Is.EqualTo((4L, 4096L, 10L, 0x80u)));
    }

    [Test]
    public void FileAttributeTagEndOfFileAllocationDisposition()
    {
        var tag = RoundTrip(new FileAttributeTagInformation { FileAttributes = 0x400, ReparseTag = 0xA000000C }, new SpecLayout().U32(0x400).U32(0xA000000C).ToArray());
        Assert.That((tag.FileAttributes, tag.ReparseTag), Is.EqualTo((0x400u, 0xA000000Cu)));
        Assert.That(RoundTrip(new FileEndOfFileInformation { EndOfFile = 0x123456789 }, new SpecLayout().I64(0x123456789).ToArray()).EndOfFile, Is.EqualTo(0x123456789));
        Assert.That(RoundTrip(new FileAllocationInformation { AllocationSize = 1 << 20 }, new SpecLayout().I64(1 << 20).ToArray()).AllocationSize, Is.EqualTo(1 << 20));
        Assert.That(RoundTrip(new FileDispositionInformation { DeletePending = true }, [1]).DeletePending, Is.True);
    }

    [Test]
    public void FileRenameInformation()
    {
        var golden = new SpecLayout().U8(1).Zeros(7).U64(0).U32(14).Utf16("new.txt").ToArray();
        var decoded = RoundTrip(new FileRenameInformation { ReplaceIfExists = true, FileName = "new.txt" }, golden);
        Assert.That((decoded.ReplaceIfExists, decoded.RootDirectory, decoded.FileName, decoded.Padding.Length), Is.EqualTo((true, 0ul, "new.txt", 0)));

        // Bytes after the name (MS-FSCC's Padding) are kept, with the reserved bytes.
        var padded = new SpecLayout().U8(0).Bytes(1, 2, 3, 4, 5, 6, 7).U64(0).U32(2).Utf16("a").Zeros(6).ToArray();
        var read = Conformance.Adapters.Wire.InfoClasses.FileRenameInformation.Read(padded).Unwrap();
        Assert.That((read.Reserved, read.Padding.Length, read.ToBytes()), Is.EqualTo((0x07060504030201ul, 6, padded)));
    }

    [Test]
    public void FileAllInformation()
    {
        var golden = new SpecLayout()
            .I64(11).I64(12).I64(13).I64(14).U32(0x20).U32(0)   // basic
            .I64(4096).I64(3).U32(1).U8(0).U8(0).U16(0)         // standard
            .U64(0xB2029B)                                       // internal
            .U32(0)                                              // EA
            .U32(0x00120089)                                     // access
            .I64(0)                                              // position
            .U32(0)                                              // mode
            .U32(0)                                              // alignment
            .U32(12).Utf16("\\h.txt")                            // name
            .ToArray();
        var built = new FileAllInformation
        {
            BasicInformation = new FileBasicInformation { CreationTime = 11, LastAccessTime = 12, LastWriteTime = 13, ChangeTime = 14, FileAttributes = 0x20 },
            StandardInformation = new FileStandardInformation { AllocationSize = 4096, EndOfFile = 3, NumberOfLinks = 1 },
            InternalInformation = new FileInternalInformation { IndexNumber = 0xB2029B },
            AccessInformation = new FileAccessInformation { AccessFlags = 0x00120089 },
            NameInformation = new FileNameInformation { FileName = "\\h.txt" },
        };
        var decoded = RoundTrip(built, golden);
        Assert.That((decoded.StandardInformation.EndOfFile, decoded.AccessInformation.AccessFlags, decoded.NameInformation.FileName), Is.EqualTo((3L, 0x00120089u, "\\h.txt")));
    }

    [Test]
    public void FileAllInformationReportsTheNameAtItsOffset()
    {
        var golden = new FileAllInformation { NameInformation = new FileNameInformation { FileName = "x" } }.ToBytes();
        golden[96] = 200;
        var error = Conformance.Adapters.Wire.InfoClasses.FileAllInformation.Read(golden).Error;
        Assert.That((error?.Field, error?.Offset), Is.EqualTo(("FileNameLength", 96)));
    }

    [Test]
    public void FileStreamInformation()
    {
        var golden = new SpecLayout()
            .U32(40).U32(14).I64(3).I64(4096).Utf16("::$DATA").PadTo(8)
            .U32(0).U32(24).I64(100).I64(0).Utf16(":extra:$DATA")
            .ToArray();
        List<FileStreamInformation> built = [new() { StreamName = "::$DATA", StreamSize = 3, StreamAllocationSize = 4096 }, new() { StreamName = ":extra:$DATA", StreamSize = 100 }];
        Assert.That(ChainedEntries.Encode(built), Is.EqualTo(golden));
        var decoded = ChainedEntries.Read<FileStreamInformation>(golden).Unwrap();
        Assert.That(decoded.Select(s => (s.StreamName, s.StreamSize)), Is.EqualTo(new[] { ("::$DATA", 3L), (":extra:$DATA", 100L) }));
        Assert.That(ChainedEntries.Encode(decoded), Is.EqualTo(golden));
        for (var length = 1; length < golden.Length; length++)
        {
            Assert.That(ChainedEntries.Read<FileStreamInformation>(golden.AsMemory(0, length)).IsSuccess, Is.False, $"length {length}");
        }
    }

    [Test]
    public void FileFsVolumeInformation()
    {
        var golden = new SpecLayout().I64(0x01D0_0000_0000_0001).U32(0xCAFE1234).U32(8).U8(1).U8(0).Utf16("DATA").ToArray();
        var decoded = RoundTrip(new FileFsVolumeInformation { VolumeCreationTime = 0x01D0_0000_0000_0001, VolumeSerialNumber = 0xCAFE1234, SupportsObjects = true, VolumeLabel = "DATA" }, golden);
        Assert.That((decoded.VolumeSerialNumber, decoded.SupportsObjects, decoded.VolumeLabel), Is.EqualTo((0xCAFE1234u, true, "DATA")));
    }

    [Test]
    public void FileFsSizeAndFullSizeInformation()
    {
        var size = RoundTrip(new FileFsSizeInformation { TotalAllocationUnits = 1000, AvailableAllocationUnits = 400, SectorsPerAllocationUnit = 8, BytesPerSector = 512 },
            new SpecLayout().I64(1000).I64(400).U32(8).U32(512).ToArray());
        Assert.That((size.TotalAllocationUnits, size.AvailableAllocationUnits, size.SectorsPerAllocationUnit, size.BytesPerSector), Is.EqualTo((1000L, 400L, 8u, 512u)));
        var full = RoundTrip(new FileFsFullSizeInformation { TotalAllocationUnits = 1000, CallerAvailableAllocationUnits = 300, ActualAvailableAllocationUnits = 400, SectorsPerAllocationUnit = 8, BytesPerSector = 4096 },
            new SpecLayout().I64(1000).I64(300).I64(400).U32(8).U32(4096).ToArray());
        Assert.That((full.CallerAvailableAllocationUnits, full.ActualAvailableAllocationUnits, full.BytesPerSector), Is.EqualTo((300L, 400L, 4096u)));
    }

    [Test]
    public void FileFsDeviceAndAttributeInformation()
    {
        var device = RoundTrip(new FileFsDeviceInformation { DeviceType = 0x07, Characteristics = 0x20 }, new SpecLayout().U32(7).U32(0x20).ToArray());
        Assert.That((device.DeviceType, device.Characteristics), Is.EqualTo((7u, 0x20u)));
        var attribute = RoundTrip(new FileFsAttributeInformation { FileSystemAttributes = 0x00C700FF, MaximumComponentNameLength = 255, FileSystemName = "NTFS" },
            new SpecLayout().U32(0x00C700FF).U32(255).U32(8).Utf16("NTFS").ToArray());
        Assert.That((attribute.FileSystemAttributes, attribute.MaximumComponentNameLength, attribute.FileSystemName), Is.EqualTo((0x00C700FFu, 255, "NTFS")));
    }

    [Test]
    public void FileFsSectorSizeInformation()
    {
        var golden = new SpecLayout().U32(512).U32(4096).U32(4096).U32(4096).U32(0x0B).U32(0).U32(0xFFFFFFFF).ToArray();
        var decoded = RoundTrip(new FileFsSectorSizeInformation
        {
            LogicalBytesPerSector = 512,
            PhysicalBytesPerSectorForAtomicity = 4096,
            PhysicalBytesPerSectorForPerformance = 4096,
            FileSystemEffectivePhysicalBytesPerSectorForAtomicity = 4096,
            Flags = 0x0B,
            ByteOffsetForPartitionAlignment = 0xFFFFFFFF,
        }, golden);
        Assert.That((decoded.LogicalBytesPerSector, decoded.Flags, decoded.ByteOffsetForPartitionAlignment), Is.EqualTo((512u, 0x0Bu, 0xFFFFFFFFu)));
    }

    [Test]
    public void RejectsAnOddOrHugeNameLength()
    {
        var odd = new SpecLayout().U32(3).Utf16("ab").ToArray();
        Assert.That(Conformance.Adapters.Wire.InfoClasses.FileNameInformation.Read(odd).Error?.Field, Is.EqualTo("FileNameLength"));
        var huge = new SpecLayout().U32(0xFFFFFFFE).Utf16("ab").ToArray();
        Assert.That(Conformance.Adapters.Wire.InfoClasses.FileNameInformation.Read(huge).Error?.Field, Is.EqualTo("FileNameLength"));
        var label = new SpecLayout().I64(0).U32(0).U32(0x7FFFFFFF).U8(0).U8(0).ToArray();
        Assert.That(Conformance.Adapters.Wire.InfoClasses.FileFsVolumeInformation.Read(label).Error?.Field, Is.EqualTo("VolumeLabelLength"));
    }
}
