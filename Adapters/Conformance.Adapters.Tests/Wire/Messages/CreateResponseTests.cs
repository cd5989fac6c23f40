using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class CreateResponseTests
{
    // smbclient-SMB3 #15: the answer to #14 (CREATE "h.txt", overwrite-if). 88 bytes of body, no Buffer byte.
    private static byte[] Frame => Capture.Load("smbclient-SMB3").Frames[15].Bytes;

    private static CreateResponse Expected => new()
    {
        OplockLevel = OplockLevel.None,
        CreateAction = CreateAction.FileOverwritten,
        CreationTime = 0x01DD79A809764302,
        LastAccessTime = 0x01DD79A80976ABD0,
        LastWriteTime = 0x01DD79A809766C7A,
        ChangeTime = 0x01DD79A809766C7A,
        FileAttributes = FileAttributes.Archive,
        FileId = new FileId(0xFFBAFE42, 0x0178AC5E),
    };

    [Test]
    public void DecodesTheCapturedResponse()
    {
        var response = CreateResponse.Read(Frame).Unwrap();
        var expected = Expected;
        Assert.Multiple(() =>
        {
            Assert.That(response.OplockLevel, Is.EqualTo(expected.OplockLevel));
            Assert.That(response.Flags, Is.EqualTo(CreateResponseFlags.None));
            Assert.That(response.CreateAction, Is.EqualTo(expected.CreateAction));
            Assert.That(response.CreationTime, Is.EqualTo(expected.CreationTime));
            Assert.That(response.LastAccessTime, Is.EqualTo(expected.LastAccessTime));
            Assert.That(response.LastWriteTime, Is.EqualTo(expected.LastWriteTime));
            Assert.That(response.ChangeTime, Is.EqualTo(expected.ChangeTime));
            Assert.That(response.AllocationSize, Is.Zero);
            Assert.That(response.EndofFile, Is.Zero);
            Assert.That(response.FileAttributes, Is.EqualTo(expected.FileAttributes));
            Assert.That(response.FileId, Is.EqualTo(expected.FileId));
            Assert.That(response.CreateContexts, Is.Empty);
            Assert.That(response.CreateContextsOffset, Is.Null);
            Assert.That(response.Size, Is.EqualTo(88));
        });
    }

    [Test]
    public void EncodesTheCapturedResponse()
    {
        Assert.That(MessageAssert.Encode(Smb2Header.Read(Frame).Unwrap(), Expected), Is.EqualTo(Frame));
    }

    [Test]
    public void EveryTruncationFails()
    {
        MessageAssert.EveryTruncationFails(Frame, CreateResponse.Read);
    }

    [Test]
    public void RejectsCreateContextsOutsideTheMessage()
    {
        var frame = MessageAssert.WithU32(Frame, 64 + 80, 0x98);
        MessageAssert.Fails(CreateResponse.Read(MessageAssert.WithU32(frame, 64 + 84, 8)), "CreateContextsOffset");
        MessageAssert.Fails(CreateResponse.Read(MessageAssert.WithU32(frame, 64 + 84, uint.MaxValue)), "CreateContextsOffset");
        MessageAssert.Fails(CreateResponse.Read(MessageAssert.WithU32(MessageAssert.WithU32(Frame, 64 + 80, 0x40), 64 + 84, 8)), "CreateContextsOffset");
    }
}
