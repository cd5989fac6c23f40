using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>No CANCEL is in the captures: the golden message is built by hand from 2.2.30 (StructureSize 4, Reserved 0).</summary>
public class CancelRequestTests
{
    private static byte[] Request => Golden.Message(Smb2Command.Cancel, false, 0, 0x04, 0x00, 0x00, 0x00);

    [Test]
    public void Encodes() => Assert.That(Golden.EncodeWithHeaderOf(Request, new CancelRequest()), Is.EqualTo(Request));

    [Test]
    public void Decodes()
    {
        var request = CancelRequest.Read(Golden.Patched(Request, 66, 0x01, 0x00)).Unwrap();
        Assert.That(request.Reserved, Is.EqualTo(1));
        Assert.That(request.Command, Is.EqualTo(Smb2Command.Cancel));
    }

    [Test]
    public void EveryTruncationAndAWrongStructureSizeAreDecodeErrors()
    {
        Golden.EveryTruncationFails<CancelRequest>(Request);
        Assert.That(Golden.Fails<CancelRequest>(Golden.PatchedU16(Request, 64, 0x24)).Clause, Is.EqualTo("2.2.30"));
    }
}
