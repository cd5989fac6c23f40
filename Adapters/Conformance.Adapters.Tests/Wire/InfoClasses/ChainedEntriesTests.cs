using System.Buffers.Binary;
using Conformance.Adapters.Tests.Wire.Messages;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.InfoClasses;

/// <summary>NextEntryOffset validation, on the captured listing ".", "..", "h.txt" (entries at 0, 112, 224 of 338 bytes).</summary>
public class ChainedEntriesTests
{
    private static byte[] Listing() =>
        QueryDirectoryResponse.Read(DecodeAssert.CapturedMessage("smbclient-SMB3", 23)).Unwrap().OutputBuffer.ToArray();

    private static byte[] WithNext(int entryStart, uint next)
    {
        var bytes = Listing();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(entryStart), next);
        return bytes;
    }

    [TestCase(0, 338u, TestName = "points at the buffer's end")]
    [TestCase(0, 0x80000000u, TestName = "points far outside")]
    [TestCase(112, 232u, TestName = "second entry points outside")]
    [TestCase(112, 0xFFFFFF90u, TestName = "wraps to point back at the first entry")]
    [TestCase(0, 114u, TestName = "misaligned")]
    [TestCase(112, 4u, TestName = "misaligned and backwards")]
    [TestCase(0, 8u, TestName = "backwards inside its own entry")]
    [TestCase(0, 104u, TestName = "cuts its own entry's name")]
    public void RejectsABadNextEntryOffset(int entryStart, uint next)
    {
        var result = ChainedEntries.Read<FileIdBothDirectoryInformation>(WithNext(entryStart, next));
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Clause, Is.EqualTo("MS-FSCC 2.4 FileIdBothDirectoryInformation"));
        Assert.That(result.Error.Offset, Is.GreaterThanOrEqualTo(entryStart), result.Error.ToString());
    }

    [Test]
    public void RejectsAFileNameLengthPastItsEntry()
    {
        var bytes = Listing();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(224 + 60), 0xFFFFFFFE);
        var error = ChainedEntries.Read<FileIdBothDirectoryInformation>(bytes).Error;
        Assert.That((error?.Field, error?.Offset), Is.EqualTo(("FileNameLength", 224 + 60)));
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        var bytes = Listing();
        for (var length = 1; length < bytes.Length; length++)
        {
            Assert.That(ChainedEntries.Read<FileIdBothDirectoryInformation>(bytes.AsMemory(0, length)).IsSuccess, Is.False, $"length {length}");
        }
    }

    [Test]
    public void KeepsNonZeroPaddingAndALargerGap()
    {
        var bytes = Listing();
        bytes[110] = 0x77; // padding after "." (106 bytes, padded to 112)
        var entries = ChainedEntries.Read<FileIdBothDirectoryInformation>(bytes).Unwrap();
        Assert.That(entries[0].Padding?.ToArray(), Is.EqualTo(new byte[] { 0, 0, 0, 0, 0x77, 0 }));
        Assert.That(ChainedEntries.Encode(entries), Is.EqualTo(bytes));

        // "." followed by 16 more bytes: NextEntryOffset 128.
        var gap = new SpecLayout().Bytes(WithNext(0, 128)[..112]).Zeros(16).Bytes(Listing()[112..]).ToArray();
        var spaced = ChainedEntries.Read<FileIdBothDirectoryInformation>(gap).Unwrap();
        Assert.That(spaced.Select(e => e.FileName), Is.EqualTo(new[] { ".", "..", "h.txt" }));
        Assert.That(ChainedEntries.Encode(spaced), Is.EqualTo(gap));
    }

    [Test]
    public void WritesAnOverriddenNextEntryOffsetAsGiven()
    {
        var entries = ChainedEntries.Read<FileIdBothDirectoryInformation>(Listing()).Unwrap();
        entries[2].NextEntryOffset = 0xDEADBEEF;
        Assert.That(ChainedEntries.Encode(entries)[224..228], Is.EqualTo(new byte[] { 0xEF, 0xBE, 0xAD, 0xDE }));
    }

    [Test]
    public void ReadsAnEmptyBufferAsAnEmptyList()
    {
        Assert.That(ChainedEntries.Read<FileIdBothDirectoryInformation>(ReadOnlyMemory<byte>.Empty).Unwrap(), Is.Empty);
    }
}
