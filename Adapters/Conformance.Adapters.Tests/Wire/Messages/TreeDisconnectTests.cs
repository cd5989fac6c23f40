using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class TreeDisconnectTests
{
    // smbclient-SMB3 frames 10 and 11: disconnect of the IPC$ tree (TreeId 1 in the header).
    private static byte[] Request => Golden.Frame("smbclient-SMB3", 10);
    private static byte[] Response => Golden.Frame("smbclient-SMB3", 11);

    [Test]
    public void EncodesRequestAndResponseOfTheCapture()
    {
        Assert.That(Golden.EncodeWithHeaderOf(Request, new TreeDisconnectRequest()), Is.EqualTo(Request));
        Assert.That(Golden.EncodeWithHeaderOf(Response, new TreeDisconnectResponse()), Is.EqualTo(Response));
    }

    [Test]
    public void DecodesRequestAndResponseOfTheCapture()
    {
        Assert.That(TreeDisconnectRequest.Read(Request).Unwrap().StructureSize, Is.EqualTo(4));
        Assert.That(TreeDisconnectResponse.Read(Response).Unwrap().Reserved, Is.Zero);
        Assert.That(Smb2Header.Read(Request).Unwrap().Command, Is.EqualTo(Smb2Command.TreeDisconnect));
    }

    [Test]
    public void EveryTruncationAndAWrongStructureSizeAreDecodeErrors()
    {
        Golden.EveryTruncationFails<TreeDisconnectRequest>(Request);
        Golden.EveryTruncationFails<TreeDisconnectResponse>(Response);
        Assert.That(Golden.Fails<TreeDisconnectRequest>(Golden.PatchedU16(Request, 64, 9)).Clause, Is.EqualTo("2.2.11"));
        Assert.That(Golden.Fails<TreeDisconnectResponse>(Golden.PatchedU16(Response, 64, 9)).Clause, Is.EqualTo("2.2.12"));
    }
}
