using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class TreeConnectRequestTests
{
    // smbclient-SMB3 frame 6: TREE_CONNECT to \\127.0.0.1\IPC$ (signed, 3.1.1, no extension).
    private static byte[] Request => Golden.Frame("smbclient-SMB3", 6);

    // Built by hand from current MS-SMB2 2.2.9 / 2.2.9.1 (no capture has one): Flags EXTENSION_PRESENT,
    // PathOffset 88 (past the extension's 16-byte fixed part), PathLength 22 ("\\srv\share"), then the
    // extension: TreeConnectContextOffset 48 (from the request's start), TreeConnectContextCount 1,
    // Reserved (10 bytes), PathName, 2 bytes of padding, one 12-byte tree connect context at offset 112.
    private static readonly byte[] ExtensionHeader = Convert.FromHexString("30000000" + "0100" + "00000000000000000000");
    private static readonly byte[] ContextsWithPadding = Convert.FromHexString("0000" + "0100" + "0400" + "00000000" + "01020304");

    private static byte[] RequestWithExtension => Golden.Message(Smb2Command.TreeConnect, false, 0,
        [.. Convert.FromHexString("0900" + "0400" + "5800" + "1600"), .. ExtensionHeader, .. "\\\\srv\\share"u8.ToArray().SelectMany(c => new[] { c, (byte)0 }), .. ContextsWithPadding]);

    [Test]
    public void DecodesTheRequestOfTheCapture()
    {
        var request = TreeConnectRequest.Read(Request).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo(@"\\127.0.0.1\IPC$"));
            Assert.That(request.Flags, Is.EqualTo(TreeConnectRequestFlags.None));
            Assert.That(request.PathOffset, Is.Null);
            Assert.That(request.ExtensionHeader.IsEmpty && request.TreeConnectContexts.IsEmpty, Is.True);
        });
    }

    [Test]
    public void EncodesTheRequestOfTheCaptureFromItsFields() =>
        Assert.That(Golden.EncodeWithHeaderOf(Request, new TreeConnectRequest { Path = @"\\127.0.0.1\IPC$" }), Is.EqualTo(Request));

    [Test]
    public void DecodesAnExtensionAroundThePath()
    {
        var request = TreeConnectRequest.Read(RequestWithExtension).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Flags, Is.EqualTo(TreeConnectRequestFlags.ExtensionPresent));
            Assert.That(request.Path, Is.EqualTo(@"\\srv\share"));
            Assert.That(request.ExtensionHeader.ToArray(), Is.EqualTo(ExtensionHeader));
            Assert.That(request.TreeConnectContexts.ToArray(), Is.EqualTo(ContextsWithPadding));
            Assert.That(request.PathOffset, Is.Null, "88 is the computed offset");
        });
    }

    [Test]
    public void EncodesAnExtensionAroundThePath()
    {
        var request = new TreeConnectRequest
        {
            Flags = TreeConnectRequestFlags.ExtensionPresent,
            Path = @"\\srv\share",
            ExtensionHeader = ExtensionHeader,
            TreeConnectContexts = ContextsWithPadding,
        };
        Assert.That(Golden.EncodeWithHeaderOf(RequestWithExtension, request), Is.EqualTo(RequestWithExtension));
    }

    [Test]
    public void EveryTruncationIsADecodeError()
    {
        Golden.EveryTruncationFails<TreeConnectRequest>(Request);
        // With an extension, bytes after the path are the extension's: cutting into the path must fail.
        for (var length = 0; length < 110; length++)
        {
            Assert.That(TreeConnectRequest.Read(RequestWithExtension.AsMemory(0, length)).IsSuccess, Is.False, $"length {length}");
        }
    }

    [TestCase((ushort)0x0000, TestName = "PathOffset 0 with a path")]
    [TestCase((ushort)0x0044, TestName = "PathOffset inside the fixed part")]
    [TestCase((ushort)0x0049, TestName = "PathOffset running past the end")]
    [TestCase((ushort)0xFFFF, TestName = "PathOffset 0xFFFF")]
    public void APathOutsideTheMessageIsADecodeError(ushort offset)
    {
        var error = Golden.Fails<TreeConnectRequest>(Golden.PatchedU16(Request, 68, offset));
        Assert.That(error.Field, Is.EqualTo("PathOffset"));
        Assert.That(error.Clause, Is.EqualTo("2.2.9"));
    }

    [Test]
    public void AHugePathLengthIsADecodeError() =>
        Assert.That(Golden.Fails<TreeConnectRequest>(Golden.PatchedU16(Request, 70, 0xFFFE)).Field, Is.EqualTo("PathOffset"));

    [Test]
    public void NoByteChangeThrows()
    {
        Golden.NoByteChangeThrows<TreeConnectRequest>(Request);
        Golden.NoByteChangeThrows<TreeConnectRequest>(RequestWithExtension);
    }
}
