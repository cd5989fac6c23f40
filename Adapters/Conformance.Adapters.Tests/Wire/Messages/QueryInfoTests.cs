using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class QueryInfoTests
{
    // SMB3 capture: frames 30/31 query FileFsSizeInformation, frames 36/37 FileAllInformation of h.txt.
    private static byte[] FsSizeRequest => DecodeAssert.CapturedMessage("smbclient-SMB3", 30);
    private static byte[] FsSizeResponse => DecodeAssert.CapturedMessage("smbclient-SMB3", 31);
    private static byte[] AllRequest => DecodeAssert.CapturedMessage("smbclient-SMB3", 36);
    private static byte[] AllResponse => DecodeAssert.CapturedMessage("smbclient-SMB3", 37);

    private static byte[] Body(IMessageBody body)
    {
        var bytes = new byte[body.Size];
        body.WriteTo(bytes);
        return bytes;
    }

    [Test]
    public void DecodesTheCapturedRequest()
    {
        var request = QueryInfoRequest.Read(FsSizeRequest).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.InfoType, Is.EqualTo(InfoType.FileSystem));
            Assert.That(request.FileInfoClass, Is.EqualTo((byte)FileSystemInformationClass.FileFsSizeInformation));
            Assert.That(request.OutputBufferLength, Is.EqualTo(0xFFFF));
            Assert.That(request.InputBuffer.IsEmpty, Is.True);
            Assert.That(request.InputBufferOffset, Is.Null, "an empty input has offset 0, the computed value");
            Assert.That(request.AdditionalInformation, Is.Zero);
            Assert.That(request.Flags, Is.EqualTo(QueryInfoFlags.None));
            Assert.That(request.FileId, Is.EqualTo(new FileId(0x56065465, 0xF6FCD659)));
            Assert.That(request.Size, Is.EqualTo(40), "the 41st byte the client sends is padding");
        });
    }

    [Test]
    public void EncodesTheCapturedRequest()
    {
        var request = QueryInfoRequest.ForFile(new FileId(0x12D79892, 0xAACBA1EF), FileInformationClass.FileAllInformation);
        request.OutputBufferLength = 0xFFFF;
        // The captured body is 41 bytes: the 40-byte fixed part, then one zero byte of padding (<68> in 2.2.37).
        Assert.That(Body(request), Is.EqualTo(AllRequest[Smb2Header.Size..^1]));
        Assert.That(AllRequest[^1], Is.Zero);
    }

    [Test]
    public void DecodesTheCapturedResponses()
    {
        var size = QueryInfoResponse.Read(FsSizeResponse).Unwrap().ReadInfo<FileFsSizeInformation>().Unwrap();
        Assert.That((size.TotalAllocationUnits, size.AvailableAllocationUnits, size.SectorsPerAllocationUnit, size.BytesPerSector),
            Is.EqualTo((0x0FBF8E74L, 0x04E51E20L, 2u, 512u)));
        var all = QueryInfoResponse.Read(AllResponse).Unwrap().ReadInfo<FileAllInformation>().Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(all.BasicInformation.FileAttributes, Is.EqualTo(0x20));
            Assert.That(all.BasicInformation.CreationTime, Is.EqualTo(0x01DD79A809764302));
            Assert.That(all.StandardInformation.AllocationSize, Is.EqualTo(4096));
            Assert.That(all.StandardInformation.EndOfFile, Is.EqualTo(3));
            Assert.That(all.StandardInformation.NumberOfLinks, Is.EqualTo(1));
            Assert.That(all.InternalInformation.IndexNumber, Is.EqualTo(0xB20424));
            Assert.That(all.AccessInformation.AccessFlags, Is.EqualTo(0x00120089));
            Assert.That(all.AlignmentInformation.AlignmentRequirement, Is.Zero);
            Assert.That(all.NameInformation.FileName, Is.EqualTo("\\h.txt"));
        });
    }

    [Test]
    public void EncodesTheCapturedResponseFromItsInformation()
    {
        var size = new FileFsSizeInformation { TotalAllocationUnits = 0x0FBF8E74, AvailableAllocationUnits = 0x04E51E20, SectorsPerAllocationUnit = 2, BytesPerSector = 512 };
        Assert.That(Body(new QueryInfoResponse { OutputBuffer = size.ToBytes() }), Is.EqualTo(FsSizeResponse[Smb2Header.Size..]));
    }

    // Every captured QUERY_INFO answer decodes as the class its request asked for and re-encodes identically.
    [Test]
    public void EveryCapturedAnswerReEncodesFromItsTypedInformation()
    {
        var responses = InfoCommandCaptures.All().Where(m => m.Header.Command == Smb2Command.QueryInfo && m.Header.IsResponse).ToList();
        Assert.That(responses, Has.Count.EqualTo(6));
        foreach (var message in responses)
        {
            var request = QueryInfoRequest.Read(InfoCommandCaptures.RequestOf(message).Slice.Bytes).Unwrap();
            var buffer = QueryInfoResponse.Read(message.Slice.Bytes).Unwrap().OutputBuffer;
            IInfoClass info = (request.InfoType, request.FileInfoClass) switch
            {
                (InfoType.FileSystem, (byte)FileSystemInformationClass.FileFsSizeInformation) => FileFsSizeInformation.Read(buffer).Unwrap(),
                (InfoType.File, (byte)FileInformationClass.FileAllInformation) => FileAllInformation.Read(buffer).Unwrap(),
                _ => throw new AssertionException($"{message}: unexpected class {request.InfoType} {request.FileInfoClass}"),
            };
            Assert.That(info.ToBytes(), Is.EqualTo(buffer.ToArray()), message.ToString());
        }
    }

    [Test]
    public void EncodesAnInputBufferAtTheStartOfBuffer()
    {
        var request = new QueryInfoRequest { InfoType = InfoType.Quota, InputBuffer = new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } };
        var body = Body(request);
        Assert.That(body[8..10], Is.EqualTo(new byte[] { 104, 0 }));
        Assert.That(body[12..16], Is.EqualTo(new byte[] { 16, 0, 0, 0 }));
        var decoded = QueryInfoRequest.Read(DecodeAssert.Message(Smb2Command.QueryInfo, false, body)).Unwrap();
        Assert.That((decoded.InputBuffer.Length, decoded.InputBufferOffset, decoded.InfoType), Is.EqualTo((16, (ushort?)null, InfoType.Quota)));
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        DecodeAssert.EveryTruncationFails<QueryInfoRequest>(FsSizeRequest[..^1]);
        DecodeAssert.EveryTruncationFails<QueryInfoResponse>(FsSizeResponse);
        DecodeAssert.EveryTruncationFails<QueryInfoResponse>(AllResponse);
    }

    [TestCase(8, 0xFFFFu, 12, 1u)]       // InputBufferOffset past the message
    [TestCase(8, 64u, 12, 1u)]           // inside the fixed part
    [TestCase(8, 104u, 12, 2u)]          // one byte of the two fits
    [TestCase(8, 104u, 12, 0xFFFFFFFFu)] // huge length
    public void RejectsARequestInputOutsideTheMessage(int offsetField, uint offset, int lengthField, uint length)
    {
        var message = DecodeAssert.WithU32(DecodeAssert.WithU16(FsSizeRequest, 64 + offsetField, (ushort)offset), 64 + lengthField, length);
        DecodeAssert.Fails<QueryInfoRequest>(message, "InputBufferOffset");
    }

    [TestCase(2, 0xFFFFu, false)]
    [TestCase(2, 70u, false)]
    [TestCase(4, 113u, true)]
    [TestCase(4, 0x80000000u, true)]
    public void RejectsAResponseBufferOutsideTheMessage(int bodyOffset, uint value, bool is32)
    {
        var message = is32 ? DecodeAssert.WithU32(AllResponse, 64 + bodyOffset, value) : DecodeAssert.WithU16(AllResponse, 64 + bodyOffset, (ushort)value);
        DecodeAssert.Fails<QueryInfoResponse>(message, "OutputBufferOffset");
    }
}
