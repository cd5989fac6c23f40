using Conformance.Adapters.Tests.Wire.InfoClasses;
using Conformance.Adapters.Tests.Wire.Messages;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Fsctl;

public class ValidateNegotiateInfoTests
{
    // 2.2.31.4 by hand, distinct values: Capabilities 0x7F, a ClientGuid, SecurityMode 2, four dialects.
    private static readonly Guid ClientGuid = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef");

    private static byte[] RequestGolden => new SpecLayout()
        .U32(0x7F).Bytes(ClientGuid.ToByteArray()).U16(2).U16(4)
        .U16(0x0202).U16(0x0210).U16(0x0300).U16(0x0302)
        .ToArray();

    private static byte[] ResponseGolden => new SpecLayout()
        .U32(0x2F).Bytes(ClientGuid.ToByteArray()).U16(3).U16(0x0302)
        .ToArray();

    [Test]
    public void EncodesARequest()
    {
        var request = new ValidateNegotiateInfoRequest
        {
            Capabilities = 0x7F,
            Guid = ClientGuid,
            SecurityMode = 2,
            Dialects = [Dialect.Smb202, Dialect.Smb210, Dialect.Smb300, Dialect.Smb302],
        };
        Assert.That(request.ToBytes(), Is.EqualTo(RequestGolden));
    }

    [Test]
    public void DecodesARequest()
    {
        var request = ValidateNegotiateInfoRequest.Read(RequestGolden).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Capabilities, Is.EqualTo(0x7F));
            Assert.That(request.Guid, Is.EqualTo(ClientGuid));
            Assert.That(request.SecurityMode, Is.EqualTo(2));
            Assert.That(request.Dialects, Is.EqualTo(new[] { Dialect.Smb202, Dialect.Smb210, Dialect.Smb300, Dialect.Smb302 }));
        });
    }

    [Test]
    public void EncodesAndDecodesAResponse()
    {
        var response = new ValidateNegotiateInfoResponse { Capabilities = 0x2F, Guid = ClientGuid, SecurityMode = 3, Dialect = Dialect.Smb302 };
        Assert.That(response.ToBytes(), Is.EqualTo(ResponseGolden));
        var decoded = ValidateNegotiateInfoResponse.Read(ResponseGolden).Unwrap();
        Assert.That((decoded.Capabilities, decoded.Guid, decoded.SecurityMode, decoded.Dialect), Is.EqualTo((0x2Fu, ClientGuid, (ushort)3, Dialect.Smb302)));
    }

    // Both captured 2.x sessions validate their negotiate: the typed structures re-encode the captured bytes.
    [TestCase("smbclient-SMB2_02", 8, 9, new[] { Dialect.Smb202 })]
    [TestCase("smbclient-SMB2_10", 8, 9, new[] { Dialect.Smb202, Dialect.Smb210 })]
    [TestCase("smbclient-SMB2_02", 16, 17, new[] { Dialect.Smb202 })]
    public void ReEncodesTheCapturedStructures(string capture, int requestFrame, int responseFrame, Dialect[] dialects)
    {
        var input = IoctlRequest.Read(DecodeAssert.CapturedMessage(capture, requestFrame)).Unwrap().Input;
        var output = IoctlResponse.Read(DecodeAssert.CapturedMessage(capture, responseFrame)).Unwrap().Output;
        var request = ValidateNegotiateInfoRequest.Read(input).Unwrap();
        var response = ValidateNegotiateInfoResponse.Read(output).Unwrap();
        Assert.That(request.Dialects, Is.EqualTo(dialects));
        Assert.That(response.Dialect, Is.EqualTo(dialects[^1]));
        Assert.That(request.ToBytes(), Is.EqualTo(input.ToArray()));
        Assert.That(response.ToBytes(), Is.EqualTo(output.ToArray()));
    }

    [Test]
    public void RejectsEveryTruncationAndAHugeDialectCount()
    {
        for (var length = 0; length < RequestGolden.Length; length++)
        {
            Assert.That(ValidateNegotiateInfoRequest.Read(RequestGolden.AsMemory(0, length)).IsSuccess, Is.False, $"request length {length}");
        }
        for (var length = 0; length < ResponseGolden.Length; length++)
        {
            Assert.That(ValidateNegotiateInfoResponse.Read(ResponseGolden.AsMemory(0, length)).IsSuccess, Is.False, $"response length {length}");
        }
        var huge = RequestGolden;
        huge[22] = 0xFF;
        huge[23] = 0xFF;
        var error = ValidateNegotiateInfoRequest.Read(huge).Error;
        Assert.That((error?.Field, error?.Clause, error?.Offset), Is.EqualTo(("DialectCount", "2.2.31.4", 22)));
    }
}
