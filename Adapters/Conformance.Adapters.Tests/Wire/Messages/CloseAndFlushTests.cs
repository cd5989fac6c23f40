using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class CloseAndFlushTests
{
    // smbclient-SMB3 #18/#19: CLOSE of h.txt without POSTQUERY_ATTRIB, and its all-zero response.
    private static byte[] CloseRequestFrame => Capture.Load("smbclient-SMB3").Frames[18].Bytes;
    private static byte[] CloseResponseFrame => Capture.Load("smbclient-SMB3").Frames[19].Bytes;
    private static readonly FileId HTxt = new(0xFFBAFE42, 0x0178AC5E);

    private const string Header = "FE534D42" + "4000" + "0000" + "00000000" + "{0}" + "0000" + "{1}" + "00000000" +
        "0000000000000000" + "00000000" + "00000000" + "0000000000000000" + "00000000000000000000000000000000";

    private static string HeaderFor(string command, bool response) => string.Format(Header, command, response ? "01000000" : "00000000");

    private static readonly byte[] PostqueryRequest = Hex.Join(HeaderFor("0600", false),
        "1800", "0100", "00000000",               // StructureSize 24, POSTQUERY_ATTRIB, Reserved
        "0102030405060708", "1112131415161718");  // FileId

    private static readonly byte[] PostqueryResponse = Hex.Join(HeaderFor("0600", true),
        "3C00", "0100", "00000000",               // StructureSize 60, POSTQUERY_ATTRIB, Reserved
        "A1A2A3A4A5A6A7A8",                       // CreationTime
        "B1B2B3B4B5B6B7B8",                       // LastAccessTime
        "C1C2C3C4C5C6C7C8",                       // LastWriteTime
        "D1D2D3D4D5D6D7D8",                       // ChangeTime
        "0020000000000000",                       // AllocationSize 0x2000
        "0310000000000000",                       // EndofFile 0x1003
        "22000000");                              // FileAttributes HIDDEN | ARCHIVE

    private static readonly byte[] FlushRequestBytes = Hex.Join(HeaderFor("0700", false),
        "1800", "0000", "00000000",               // StructureSize 24, Reserved1, Reserved2
        "2122232425262728", "3132333435363738");  // FileId

    private static readonly byte[] FlushResponseBytes = Hex.Join(HeaderFor("0700", true), "0400", "0000");

    [Test]
    public void DecodesTheCapturedClose()
    {
        var request = CloseRequest.Read(CloseRequestFrame).Unwrap();
        Assert.That(request.Flags, Is.EqualTo(CloseFlags.None));
        Assert.That(request.FileId, Is.EqualTo(HTxt));
        var response = CloseResponse.Read(CloseResponseFrame).Unwrap();
        Assert.That(response.Flags, Is.EqualTo(CloseFlags.None));
        Assert.That(new[] { response.CreationTime, response.LastAccessTime, response.LastWriteTime, response.ChangeTime, response.AllocationSize, response.EndofFile }, Has.All.Zero);
    }

    [Test]
    public void EncodesTheCapturedClose()
    {
        Assert.That(MessageAssert.Encode(Smb2Header.Read(CloseRequestFrame).Unwrap(), new CloseRequest { FileId = HTxt }), Is.EqualTo(CloseRequestFrame));
        Assert.That(MessageAssert.Encode(Smb2Header.Read(CloseResponseFrame).Unwrap(), new CloseResponse()), Is.EqualTo(CloseResponseFrame));
    }

    [Test]
    public void EncodesACloseWithPostqueryAttrib()
    {
        Assert.That(MessageAssert.Encode(new Smb2Header(), new CloseRequest { Flags = CloseFlags.PostqueryAttrib, FileId = new FileId(0x0807060504030201, 0x1817161514131211) }), Is.EqualTo(PostqueryRequest));
        var response = new CloseResponse
        {
            Flags = CloseFlags.PostqueryAttrib,
            CreationTime = 0xA8A7A6A5A4A3A2A1,
            LastAccessTime = 0xB8B7B6B5B4B3B2B1,
            LastWriteTime = 0xC8C7C6C5C4C3C2C1,
            ChangeTime = 0xD8D7D6D5D4D3D2D1,
            AllocationSize = 0x2000,
            EndofFile = 0x1003,
            FileAttributes = FileAttributes.Hidden | FileAttributes.Archive,
        };
        Assert.That(MessageAssert.Encode(new Smb2Header { Flags = Smb2HeaderFlags.ServerToRedir }, response), Is.EqualTo(PostqueryResponse));
    }

    [Test]
    public void DecodesACloseWithPostqueryAttrib()
    {
        var request = CloseRequest.Read(PostqueryRequest).Unwrap();
        Assert.That(request.Flags, Is.EqualTo(CloseFlags.PostqueryAttrib));
        Assert.That(request.FileId, Is.EqualTo(new FileId(0x0807060504030201, 0x1817161514131211)));
        var response = CloseResponse.Read(PostqueryResponse).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.Flags, Is.EqualTo(CloseFlags.PostqueryAttrib));
            Assert.That(response.CreationTime, Is.EqualTo(0xA8A7A6A5A4A3A2A1));
            Assert.That(response.LastAccessTime, Is.EqualTo(0xB8B7B6B5B4B3B2B1));
            Assert.That(response.LastWriteTime, Is.EqualTo(0xC8C7C6C5C4C3C2C1));
            Assert.That(response.ChangeTime, Is.EqualTo(0xD8D7D6D5D4D3D2D1));
            Assert.That(response.AllocationSize, Is.EqualTo(0x2000));
            Assert.That(response.EndofFile, Is.EqualTo(0x1003));
            Assert.That(response.FileAttributes, Is.EqualTo(FileAttributes.Hidden | FileAttributes.Archive));
        });
    }

    [Test]
    public void EncodesFlush()
    {
        Assert.That(MessageAssert.Encode(new Smb2Header(), new FlushRequest { FileId = new FileId(0x2827262524232221, 0x3837363534333231) }), Is.EqualTo(FlushRequestBytes));
        Assert.That(MessageAssert.Encode(new Smb2Header { Flags = Smb2HeaderFlags.ServerToRedir }, new FlushResponse()), Is.EqualTo(FlushResponseBytes));
    }

    [Test]
    public void DecodesFlush()
    {
        Assert.That(FlushRequest.Read(FlushRequestBytes).Unwrap().FileId, Is.EqualTo(new FileId(0x2827262524232221, 0x3837363534333231)));
        Assert.That(FlushResponse.Read(FlushResponseBytes).IsSuccess, Is.True);
    }

    [Test]
    public void EveryTruncationFails()
    {
        MessageAssert.EveryTruncationFails(CloseRequestFrame, CloseRequest.Read);
        MessageAssert.EveryTruncationFails(PostqueryResponse, CloseResponse.Read);
        MessageAssert.EveryTruncationFails(FlushRequestBytes, FlushRequest.Read);
        MessageAssert.EveryTruncationFails(FlushResponseBytes, FlushResponse.Read);
    }

    [Test]
    public void RejectsAWrongStructureSize()
    {
        MessageAssert.Fails(CloseRequest.Read(MessageAssert.WithU16(PostqueryRequest, 64, 25)), "StructureSize");
        MessageAssert.Fails(CloseResponse.Read(MessageAssert.WithU16(PostqueryResponse, 64, 24)), "StructureSize");
        MessageAssert.Fails(FlushRequest.Read(MessageAssert.WithU16(FlushRequestBytes, 64, 4)), "StructureSize");
        MessageAssert.Fails(FlushResponse.Read(MessageAssert.WithU16(FlushResponseBytes, 64, 24)), "StructureSize");
    }
}
