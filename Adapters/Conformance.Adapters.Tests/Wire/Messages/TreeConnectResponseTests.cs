using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class TreeConnectResponseTests
{
    // smbclient-SMB3 frame 7 (IPC$: a pipe share) and frame 13 (conf: a disk share).
    private static byte[] PipeResponse => Golden.Frame("smbclient-SMB3", 7);
    private static byte[] DiskResponse => Golden.Frame("smbclient-SMB3", 13);

    [Test]
    public void DecodesBothResponsesOfTheCapture()
    {
        var pipe = TreeConnectResponse.Read(PipeResponse).Unwrap();
        var disk = TreeConnectResponse.Read(DiskResponse).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(pipe.ShareType, Is.EqualTo(ShareType.Pipe));
            Assert.That(pipe.ShareFlags, Is.EqualTo(ShareFlags.ManualCaching));
            Assert.That(pipe.Capabilities, Is.EqualTo(ShareCapabilities.None));
            Assert.That(pipe.MaximalAccess, Is.EqualTo(0x001F00A9));
            Assert.That(disk.ShareType, Is.EqualTo(ShareType.Disk));
            Assert.That(disk.MaximalAccess, Is.EqualTo(0x001F01FF));
        });
    }

    [Test]
    public void EncodesBothResponsesOfTheCaptureFromTheirFields()
    {
        Assert.That(Golden.EncodeWithHeaderOf(PipeResponse, new TreeConnectResponse { ShareType = ShareType.Pipe, MaximalAccess = 0x001F00A9 }), Is.EqualTo(PipeResponse));
        Assert.That(Golden.EncodeWithHeaderOf(DiskResponse, new TreeConnectResponse { ShareType = ShareType.Disk, MaximalAccess = 0x001F01FF }), Is.EqualTo(DiskResponse));
    }

    [Test]
    public void FlagsAndCapabilitiesAreWrittenAtTheirOffsets()
    {
        var response = new TreeConnectResponse
        {
            ShareType = ShareType.Print,
            ShareFlags = ShareFlags.NoCaching | ShareFlags.EncryptData | ShareFlags.Dfs,
            Capabilities = ShareCapabilities.ContinuousAvailability | ShareCapabilities.Dfs,
        };
        var bytes = Golden.EncodeWithHeaderOf(DiskResponse, response);
        Assert.Multiple(() =>
        {
            Assert.That(bytes[66], Is.EqualTo(3));
            Assert.That(bytes[68..72], Is.EqualTo(new byte[] { 0x31, 0x80, 0, 0 }));
            Assert.That(bytes[72..76], Is.EqualTo(new byte[] { 0x18, 0, 0, 0 }));
            Assert.That(TreeConnectResponse.Read(bytes).Unwrap().ShareFlags & ShareFlags.CachingMask, Is.EqualTo(ShareFlags.NoCaching));
        });
    }

    [Test]
    public void EveryTruncationAndAWrongStructureSizeAreDecodeErrors()
    {
        Golden.EveryTruncationFails<TreeConnectResponse>(PipeResponse);
        Assert.That(Golden.Fails<TreeConnectResponse>(Golden.PatchedU16(PipeResponse, 64, 9)).Clause, Is.EqualTo("2.2.10"));
    }
}
