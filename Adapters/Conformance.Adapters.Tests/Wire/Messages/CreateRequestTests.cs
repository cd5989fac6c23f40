using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class CreateRequestTests
{
    // smbclient-SMB3 #14: CREATE "h.txt" for overwrite. smbclient ends the name with a UTF-16 NUL
    // that NameLength leaves out: two bytes after the body, kept as the message's padding.
    private static byte[] HTxtFrame => Capture.Load("smbclient-SMB3").Frames[14].Bytes;

    // smbclient-SMB3 #20: CREATE of the share root (empty Name): NameOffset 0x78, NameLength 0, one zero byte of Buffer.
    private static byte[] RootFrame => Capture.Load("smbclient-SMB3").Frames[20].Bytes;

    [Test]
    public void DecodesTheCapturedCreateOfAFile()
    {
        var request = CreateRequest.Read(HTxtFrame).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.SecurityFlags, Is.Zero);
            Assert.That(request.RequestedOplockLevel, Is.EqualTo(OplockLevel.None));
            Assert.That(request.ImpersonationLevel, Is.EqualTo(ImpersonationLevel.Impersonation));
            Assert.That(request.SmbCreateFlags, Is.Zero);
            Assert.That(request.DesiredAccess, Is.EqualTo((AccessMask)0x0012019F));
            Assert.That(request.FileAttributes, Is.EqualTo(FileAttributes.None));
            Assert.That(request.ShareAccess, Is.EqualTo(ShareAccess.FileShareRead | ShareAccess.FileShareWrite));
            Assert.That(request.CreateDisposition, Is.EqualTo(CreateDisposition.FileOverwriteIf));
            Assert.That(request.CreateOptions, Is.EqualTo(CreateOptions.FileNonDirectoryFile));
            Assert.That(request.Name, Is.EqualTo("h.txt"));
            Assert.That(request.CreateContexts, Is.Empty);
            Assert.That(request.NameOffset, Is.Null, "0x78 is the computed offset");
            Assert.That(request.CreateContextsOffset, Is.Null);
            Assert.That(request.Size, Is.EqualTo(56 + 10));
        });
    }

    [Test]
    public void EncodesTheCapturedCreateOfAFile()
    {
        var frame = HTxtFrame;
        var body = new CreateRequest
        {
            RequestedOplockLevel = OplockLevel.None,
            ImpersonationLevel = ImpersonationLevel.Impersonation,
            DesiredAccess = (AccessMask)0x0012019F,
            ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite,
            CreateDisposition = CreateDisposition.FileOverwriteIf,
            CreateOptions = CreateOptions.FileNonDirectoryFile,
            Name = "h.txt",
        };
        var message = Smb2Message.For(body, Smb2Header.Read(frame).Unwrap());
        message.Padding = new byte[2];
        Assert.That(message.Encode(), Is.EqualTo(frame));
    }

    [Test]
    public void DecodesTheCapturedCreateOfTheShareRoot()
    {
        var request = CreateRequest.Read(RootFrame).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Name, Is.Empty);
            Assert.That(request.DesiredAccess, Is.EqualTo(AccessMask.FileReadData | AccessMask.FileReadAttributes));
            Assert.That(request.FileAttributes, Is.EqualTo(FileAttributes.Directory));
            Assert.That(request.CreateDisposition, Is.EqualTo(CreateDisposition.FileOpen));
            Assert.That(request.CreateOptions, Is.EqualTo(CreateOptions.FileDirectoryFile));
            Assert.That(request.NameOffset, Is.Null);
            Assert.That(request.Size, Is.EqualTo(57), "the Buffer's one byte belongs to the body");
        });
    }

    [Test]
    public void EncodesAnEmptyNameAsRealClientsDo()
    {
        var frame = RootFrame;
        var body = new CreateRequest
        {
            DesiredAccess = AccessMask.FileReadData | AccessMask.FileReadAttributes,
            FileAttributes = FileAttributes.Directory,
            ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite,
            CreateDisposition = CreateDisposition.FileOpen,
            CreateOptions = CreateOptions.FileDirectoryFile,
        };
        Assert.That(MessageAssert.Encode(Smb2Header.Read(frame).Unwrap(), body), Is.EqualTo(frame));
    }

    [Test]
    public void OverridesAreWrittenAsGiven()
    {
        var body = new CreateRequest { Name = "ab", NameOffset = 0x1234, NameLength = 0x0FFF, CreateContextsOffset = 0xDEADBEEF, CreateContextsLength = 0x01020304, StructureSize = 56 };
        var bytes = new byte[body.Size];
        body.WriteTo(bytes);
        Assert.That(bytes[..2], Is.EqualTo(new byte[] { 56, 0 }));
        Assert.That(bytes[44..56], Is.EqualTo(Hex.Join("3412", "FF0F", "EFBEADDE", "04030201")));
        Assert.That(bytes[56..60], Is.EqualTo(Hex.Join("6100", "6200")), "the name stays at its natural place");
    }

    [Test]
    public void EveryTruncationOfTheCapturedRequestsFails()
    {
        MessageAssert.EveryTruncationFails(HTxtFrame[..^2], CreateRequest.Read);
        MessageAssert.EveryTruncationFails(RootFrame, CreateRequest.Read);
    }

    [Test]
    public void RejectsAMissingBufferByte()
    {
        MessageAssert.Fails(CreateRequest.Read(RootFrame[..^1]), "Buffer");
    }

    [Test]
    public void RejectsANameOutsideTheMessage()
    {
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(HTxtFrame, 64 + 44, 0x0080)), "NameOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(HTxtFrame, 64 + 46, 0xFFFE)), "NameOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(HTxtFrame, 64 + 44, 0x0040)), "NameOffset");
    }

    [Test]
    public void RejectsCreateContextsOutsideTheMessage()
    {
        var frame = MessageAssert.WithU32(HTxtFrame, 64 + 48, 0x80);
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU32(frame, 64 + 52, 0xFFFFFFFF)), "CreateContextsOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU32(frame, 64 + 52, 0x10)), "CreateContextsOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU32(MessageAssert.WithU32(HTxtFrame, 64 + 48, 0x7FFFFFFF), 64 + 52, 0x7FFFFFFF)), "CreateContextsOffset");
    }

    [Test]
    public void RejectsAWrongStructureSize()
    {
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(HTxtFrame, 64, 56)), "StructureSize");
    }

    [Test]
    public void KeepsAnUnknownContextRawAndReEncodesItIdentically()
    {
        var request = new CreateRequest
        {
            Name = "x",
            CreateContexts =
            {
                new RawCreateContext("ZzYx"u8.ToArray(), new byte[] { 1, 2, 3, 4, 5 }),
                new RawCreateContext(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), new byte[] { 9 }),
                new CreateQueryMaximalAccessRequest(),
            },
        };
        var encoded = MessageAssert.Encode(new Smb2Header(), request);
        var decoded = CreateRequest.Read(encoded).Unwrap();
        Assert.That(decoded.CreateContexts, Has.Count.EqualTo(3));
        var raw = (RawCreateContext)decoded.CreateContexts[0];
        Assert.That(raw.Name.ToArray(), Is.EqualTo("ZzYx"u8.ToArray()));
        Assert.That(raw.Data.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5 }));
        Assert.That(((RawCreateContext)decoded.CreateContexts[1]).Name.ToArray(), Is.EqualTo(Convert.FromHexString("00112233445566778899AABBCCDDEEFF")));
        Assert.That(decoded.CreateContexts[2], Is.TypeOf<CreateQueryMaximalAccessRequest>());
        Assert.That(MessageAssert.Encode(new Smb2Header(), decoded), Is.EqualTo(encoded));
    }
}
