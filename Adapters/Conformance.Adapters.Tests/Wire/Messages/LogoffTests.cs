using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// No plain LOGOFF is in the captures (the encrypted capture's is inside a transform), so the golden
/// messages are built by hand from 2.2.7 / 2.2.8: StructureSize 4, Reserved 0.
/// </summary>
public class LogoffTests
{
    private static byte[] Request => Golden.Message(Smb2Command.Logoff, false, 0, 0x04, 0x00, 0x00, 0x00);
    private static byte[] Response => Golden.Message(Smb2Command.Logoff, true, NtStatus.Success, 0x04, 0x00, 0x00, 0x00);

    [Test]
    public void EncodesRequestAndResponse()
    {
        Assert.That(Golden.EncodeWithHeaderOf(Request, new LogoffRequest()), Is.EqualTo(Request));
        Assert.That(Golden.EncodeWithHeaderOf(Response, new LogoffResponse()), Is.EqualTo(Response));
    }

    [Test]
    public void DecodesRequestAndResponse()
    {
        Assert.That(LogoffRequest.Read(Golden.Patched(Request, 66, 0x34, 0x12)).Unwrap().Reserved, Is.EqualTo(0x1234));
        Assert.That(LogoffResponse.Read(Response).Unwrap().Reserved, Is.Zero);
        Assert.That(LogoffRequest.Read(Request).Unwrap().Command, Is.EqualTo(Smb2Command.Logoff));
    }

    [Test]
    public void EveryTruncationAndAWrongStructureSizeAreDecodeErrors()
    {
        Golden.EveryTruncationFails<LogoffRequest>(Request);
        Golden.EveryTruncationFails<LogoffResponse>(Response);
        Assert.That(Golden.Fails<LogoffRequest>(Golden.PatchedU16(Request, 64, 5)).Field, Is.EqualTo("StructureSize"));
        Assert.That(Golden.Fails<LogoffResponse>(Golden.PatchedU16(Response, 64, 0)).Clause, Is.EqualTo("2.2.8"));
    }
}
