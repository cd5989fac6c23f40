using Conformance.Adapters.Tests.Wire.InfoClasses;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>SET_INFO (2.2.39, 2.2.40): the captures hold none, so the golden bytes are built by hand from the layout.</summary>
public class SetInfoTests
{
    private static readonly FileId File = new(0x0000_0A0B, 0x0000_0C0D);

    // A rename to "new.txt" (FILE_RENAME_INFORMATION_TYPE_2, ReplaceIfExists set).
    private static byte[] RenameBody => new SpecLayout()
        .U16(33).U8(0x01).U8(10)          // StructureSize, SMB2_0_INFO_FILE, FileRenameInformation
        .U32(34).U16(96).U16(0)           // BufferLength, BufferOffset, Reserved
        .U32(0).U64(0x0A0B).U64(0x0C0D)   // AdditionalInformation, FileId
        .U8(1).Zeros(7).U64(0).U32(14).Utf16("new.txt")
        .ToArray();

    // A security descriptor set: owner and DACL (AdditionalInformation 0x5), buffer kept raw.
    private static byte[] SecurityBody => new SpecLayout()
        .U16(33).U8(0x03).U8(0).U32(4).U16(96).U16(0).U32(0x5).U64(0x0A0B).U64(0x0C0D).Bytes(1, 0, 4, 0x80)
        .ToArray();

    private static byte[] RenameMessage => DecodeAssert.Message(Smb2Command.SetInfo, false, RenameBody);
    private static byte[] ResponseMessage => DecodeAssert.Message(Smb2Command.SetInfo, true, [2, 0]);

    private static byte[] Body(IMessageBody body)
    {
        var bytes = new byte[body.Size];
        body.WriteTo(bytes);
        return bytes;
    }

    [Test]
    public void EncodesARenameRequest()
    {
        var request = SetInfoRequest.ForFile(File, FileInformationClass.FileRenameInformation, new FileRenameInformation { ReplaceIfExists = true, FileName = "new.txt" });
        Assert.That(Body(request), Is.EqualTo(RenameBody));
    }

    [Test]
    public void DecodesARenameRequest()
    {
        var request = SetInfoRequest.Read(RenameMessage).Unwrap();
        var rename = FileRenameInformation.Read(request.Buffer).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.InfoType, Is.EqualTo(InfoType.File));
            Assert.That(request.FileInfoClass, Is.EqualTo((byte)FileInformationClass.FileRenameInformation));
            Assert.That(request.FileId, Is.EqualTo(File));
            Assert.That(request.Buffer.Length, Is.EqualTo(34));
            Assert.That(request.BufferOffset, Is.Null);
            Assert.That(rename.ReplaceIfExists, Is.True);
            Assert.That(rename.FileName, Is.EqualTo("new.txt"));
        });
        Assert.That(Body(request), Is.EqualTo(RenameBody));
    }

    [Test]
    public void EncodesAndDecodesASecurityRequest()
    {
        var request = new SetInfoRequest
        {
            InfoType = InfoType.Security,
            AdditionalInformation = (uint)(SecurityInformation.Owner | SecurityInformation.Dacl),
            FileId = File,
            Buffer = new byte[] { 1, 0, 4, 0x80 },
        };
        Assert.That(Body(request), Is.EqualTo(SecurityBody));
        var decoded = SetInfoRequest.Read(DecodeAssert.Message(Smb2Command.SetInfo, false, SecurityBody)).Unwrap();
        Assert.That((decoded.InfoType, decoded.AdditionalInformation, decoded.Buffer.ToArray()), Is.EqualTo((InfoType.Security, 5u, new byte[] { 1, 0, 4, 0x80 })));
    }

    [Test]
    public void EncodesTheResponse()
    {
        Assert.That(Body(new SetInfoResponse()), Is.EqualTo(new byte[] { 2, 0 }));
    }

    [Test]
    public void DecodesTheResponse()
    {
        Assert.That(SetInfoResponse.Read(ResponseMessage).IsSuccess, Is.True);
        DecodeAssert.Fails<SetInfoResponse>(DecodeAssert.WithU16(ResponseMessage, 64, 4), "StructureSize");
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        DecodeAssert.EveryTruncationFails<SetInfoRequest>(RenameMessage);
        DecodeAssert.EveryTruncationFails<SetInfoResponse>(ResponseMessage);
    }

    [TestCase(8, 0xFFFFu, 4, 34u)]
    [TestCase(8, 80u, 4, 34u)]
    [TestCase(8, 96u, 4, 35u)]
    [TestCase(8, 96u, 4, 0xFFFFFFFFu)]
    public void RejectsABufferOutsideTheMessage(int offsetField, uint offset, int lengthField, uint length)
    {
        var message = DecodeAssert.WithU32(DecodeAssert.WithU16(RenameMessage, 64 + offsetField, (ushort)offset), 64 + lengthField, length);
        DecodeAssert.Fails<SetInfoRequest>(message, "BufferOffset");
    }
}
