using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class QueryDirectoryTests
{
    // SMB3 capture: frame 22 asks for FileIdBothDirectoryInformation of "*", frame 23 answers with ".", "..", "h.txt".
    private static byte[] Request => DecodeAssert.CapturedMessage("smbclient-SMB3", 22);
    private static byte[] Response => DecodeAssert.CapturedMessage("smbclient-SMB3", 23);
    private static readonly FileId Directory = new(0xA5906198, 0x7803B1D1);

    private static byte[] Body(IMessageBody body)
    {
        var bytes = new byte[body.Size];
        body.WriteTo(bytes);
        return bytes;
    }

    [Test]
    public void DecodesTheCapturedRequest()
    {
        var request = QueryDirectoryRequest.Read(Request).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.FileInformationClass, Is.EqualTo(FileInformationClass.FileIdBothDirectoryInformation));
            Assert.That(request.Flags, Is.EqualTo(QueryDirectoryFlags.None));
            Assert.That(request.FileIndex, Is.Zero);
            Assert.That(request.FileId, Is.EqualTo(Directory));
            Assert.That(request.FileName, Is.EqualTo("*"));
            Assert.That(request.FileNameOffset, Is.Null);
            Assert.That(request.OutputBufferLength, Is.EqualTo(0x00800000));
        });
    }

    [Test]
    public void EncodesTheCapturedRequest()
    {
        var request = new QueryDirectoryRequest
        {
            FileInformationClass = FileInformationClass.FileIdBothDirectoryInformation,
            FileId = Directory,
            FileName = "*",
            OutputBufferLength = 0x00800000,
        };
        Assert.That(Body(request), Is.EqualTo(Request[Smb2Header.Size..]));
    }

    [Test]
    public void DecodesTheCapturedResponseIntoDirectoryEntries()
    {
        var response = QueryDirectoryResponse.Read(Response).Unwrap();
        var entries = response.ReadEntries<FileIdBothDirectoryInformation>().Unwrap();
        Assert.That(entries.Select(e => e.FileName), Is.EqualTo(new[] { ".", "..", "h.txt" }));
        var file = entries[2];
        Assert.Multiple(() =>
        {
            Assert.That(response.OutputBuffer.Length, Is.EqualTo(338));
            Assert.That(file.NextEntryOffset, Is.Null);
            Assert.That(file.Padding, Is.Null);
            Assert.That(file.EndOfFile, Is.EqualTo(3));
            Assert.That(file.AllocationSize, Is.EqualTo(4096));
            Assert.That(file.FileAttributes, Is.EqualTo(0x20), "FILE_ATTRIBUTE_ARCHIVE");
            Assert.That(file.FileId, Is.EqualTo(0xB20424));
            Assert.That(file.ShortName, Is.Empty);
            Assert.That(file.CreationTime, Is.EqualTo(0x01DD79A809764302));
            Assert.That(entries[0].FileAttributes, Is.EqualTo(0x10), "FILE_ATTRIBUTE_DIRECTORY");
        });
        Assert.That(ChainedEntries.Encode(entries), Is.EqualTo(response.OutputBuffer.ToArray()));
    }

    [Test]
    public void EncodesTheCapturedResponseFromItsEntries()
    {
        var entries = QueryDirectoryResponse.Read(Response).Unwrap().ReadEntries<FileIdBothDirectoryInformation>().Unwrap();
        Assert.That(Body(QueryDirectoryResponse.WithEntries(entries)), Is.EqualTo(Response[Smb2Header.Size..]));
    }

    // Every directory listing of the captures (all FileIdBothDirectoryInformation) decodes into entries that re-encode identically.
    [Test]
    public void EveryCapturedListingReEncodesFromItsEntries()
    {
        var listings = InfoCommandCaptures.All().Where(m => m.Header.Command == Smb2Command.QueryDirectory && m.Header.IsResponse).ToList();
        Assert.That(listings, Has.Count.EqualTo(6));
        foreach (var listing in listings)
        {
            var request = QueryDirectoryRequest.Read(InfoCommandCaptures.RequestOf(listing).Slice.Bytes).Unwrap();
            Assert.That(request.FileInformationClass, Is.EqualTo(FileInformationClass.FileIdBothDirectoryInformation));
            var buffer = QueryDirectoryResponse.Read(listing.Slice.Bytes).Unwrap().OutputBuffer;
            var entries = ChainedEntries.Read<FileIdBothDirectoryInformation>(buffer).Unwrap();
            Assert.That(entries.Last().FileName, Is.EqualTo("h.txt"), listing.ToString());
            Assert.That(ChainedEntries.Encode(entries), Is.EqualTo(buffer.ToArray()), listing.ToString());
        }
    }

    [Test]
    public void EncodesRequestFlagsAndAnEmptyPattern()
    {
        var request = new QueryDirectoryRequest
        {
            FileInformationClass = FileInformationClass.FileNamesInformation,
            Flags = QueryDirectoryFlags.Reopen | QueryDirectoryFlags.ReturnSingleEntry | QueryDirectoryFlags.IndexSpecified,
            FileIndex = 0x01020304,
        };
        var body = Body(request);
        Assert.That(body, Is.EqualTo(new InfoClasses.SpecLayout().U16(33).U8(0x0C).U8(0x16).U32(0x01020304).Zeros(16).U16(0).U16(0).U32(65536).ToArray()));
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        DecodeAssert.EveryTruncationFails<QueryDirectoryRequest>(Request);
        DecodeAssert.EveryTruncationFails<QueryDirectoryResponse>(Response);
    }

    [TestCase(24, (ushort)0xFFFF)]   // FileNameOffset past the message
    [TestCase(24, (ushort)64)]       // inside the fixed part
    [TestCase(26, (ushort)4)]        // FileNameLength past the message
    [TestCase(26, (ushort)0xFFFF)]
    public void RejectsARequestPatternOutsideTheMessage(int bodyOffset, ushort value)
    {
        DecodeAssert.Fails<QueryDirectoryRequest>(DecodeAssert.WithU16(Request, 64 + bodyOffset, value), "FileNameOffset");
    }

    [Test]
    public void RejectsAnOddPatternLength()
    {
        var message = DecodeAssert.WithU16([.. Request, 0], 64 + 26, 3);
        DecodeAssert.Fails<QueryDirectoryRequest>(message, "FileNameLength");
    }

    [TestCase(2, 0xFFFFu, false)]
    [TestCase(2, 8u, false)]
    [TestCase(4, 339u, true)]
    [TestCase(4, 0xFFFFFFFFu, true)]
    public void RejectsAResponseBufferOutsideTheMessage(int bodyOffset, uint value, bool is32)
    {
        var message = is32 ? DecodeAssert.WithU32(Response, 64 + bodyOffset, value) : DecodeAssert.WithU16(Response, 64 + bodyOffset, (ushort)value);
        DecodeAssert.Fails<QueryDirectoryResponse>(message, "OutputBufferOffset");
    }
}
