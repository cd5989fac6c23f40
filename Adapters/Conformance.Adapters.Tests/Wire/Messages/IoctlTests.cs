using Conformance.Adapters.Tests.Wire.Fsctl;
using Conformance.Adapters.Tests.Wire.InfoClasses;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class IoctlTests
{
    // SMB2_10 capture, frames 8 and 9: FSCTL_VALIDATE_NEGOTIATE_INFO request and response.
    private static byte[] ValidateNegotiateRequest => DecodeAssert.CapturedMessage("smbclient-SMB2_10", 8);
    private static byte[] ValidateNegotiateResponse => DecodeAssert.CapturedMessage("smbclient-SMB2_10", 9);

    // SMB3 capture, frame 8: FSCTL_DFS_GET_REFERRALS for \127.0.0.1\conf, input kept raw.
    private static byte[] DfsReferralRequest => DecodeAssert.CapturedMessage("smbclient-SMB3", 8);

    private static readonly Guid ClientGuid = new(Convert.FromHexString("c8ba0832269fa348ac9994855a16759d"));
    private static readonly Guid ServerGuid = new(Convert.FromHexString("736d6274617267657400000000000000"));

    private static byte[] Body(IMessageBody body)
    {
        var bytes = new byte[body.Size];
        body.WriteTo(bytes);
        return bytes;
    }

    [Test]
    public void DecodesTheCapturedValidateNegotiateRequest()
    {
        var request = IoctlRequest.Read(ValidateNegotiateRequest).Unwrap();
        var info = ValidateNegotiateInfoRequest.Read(request.Input).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.CtlCode, Is.EqualTo(FsctlCode.ValidateNegotiateInfo));
            Assert.That(request.FileId, Is.EqualTo(FileId.Related));
            Assert.That(request.Flags, Is.EqualTo(IoctlFlags.IsFsctl));
            Assert.That(request.MaxInputResponse, Is.Zero);
            Assert.That(request.MaxOutputResponse, Is.EqualTo(24));
            Assert.That(request.Input.Length, Is.EqualTo(28));
            Assert.That(request.Output.IsEmpty, Is.True);
            Assert.That(request.InputOffset, Is.Null, "0x78 is the computed offset");
            Assert.That(request.OutputOffset, Is.Null, "an empty output at InputOffset is the computed layout");
            Assert.That(info.Capabilities, Is.Zero);
            Assert.That(info.Guid, Is.EqualTo(ClientGuid));
            Assert.That(info.SecurityMode, Is.EqualTo(1));
            Assert.That(info.Dialects, Is.EqualTo(new[] { Dialect.Smb202, Dialect.Smb210 }));
            Assert.That(info.ToBytes(), Is.EqualTo(request.Input.ToArray()));
        });
    }

    [Test]
    public void EncodesTheCapturedValidateNegotiateRequest()
    {
        var request = new IoctlRequest
        {
            CtlCode = FsctlCode.ValidateNegotiateInfo,
            FileId = FileId.Related,
            MaxOutputResponse = 24,
            Flags = IoctlFlags.IsFsctl,
            Input = new ValidateNegotiateInfoRequest { Guid = ClientGuid, SecurityMode = 1, Dialects = [Dialect.Smb202, Dialect.Smb210] }.ToBytes(),
        };
        Assert.That(Body(request), Is.EqualTo(ValidateNegotiateRequest[Smb2Header.Size..]));
    }

    [Test]
    public void DecodesTheCapturedValidateNegotiateResponse()
    {
        var response = IoctlResponse.Read(ValidateNegotiateResponse).Unwrap();
        var info = ValidateNegotiateInfoResponse.Read(response.Output).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.CtlCode, Is.EqualTo(FsctlCode.ValidateNegotiateInfo));
            Assert.That(response.FileId, Is.EqualTo(FileId.Related));
            Assert.That(response.Input.IsEmpty, Is.True);
            Assert.That(response.Output.Length, Is.EqualTo(24));
            Assert.That(response.InputOffset, Is.Null, "Samba, like Windows, points an empty input at Buffer (0x70)");
            Assert.That(response.OutputOffset, Is.Null);
            Assert.That(info.Capabilities, Is.EqualTo(7));
            Assert.That(info.Guid, Is.EqualTo(ServerGuid));
            Assert.That(info.SecurityMode, Is.EqualTo(1));
            Assert.That(info.Dialect, Is.EqualTo(Dialect.Smb210));
            Assert.That(info.ToBytes(), Is.EqualTo(response.Output.ToArray()));
        });
    }

    [Test]
    public void EncodesTheCapturedValidateNegotiateResponse()
    {
        var response = new IoctlResponse
        {
            CtlCode = FsctlCode.ValidateNegotiateInfo,
            FileId = FileId.Related,
            Output = new ValidateNegotiateInfoResponse { Capabilities = 7, Guid = ServerGuid, SecurityMode = 1, Dialect = Dialect.Smb210 }.ToBytes(),
        };
        Assert.That(Body(response), Is.EqualTo(ValidateNegotiateResponse[Smb2Header.Size..]));
    }

    [Test]
    public void DecodesAndEncodesTheCapturedDfsReferralRequest()
    {
        var request = IoctlRequest.Read(DfsReferralRequest).Unwrap();
        // REQ_GET_DFS_REFERRAL (MS-DFSC 2.2.2): MaxReferralLevel 3, RequestFileName "\127.0.0.1\conf" null-terminated.
        var input = new SpecLayout().U16(3).Utf16("\\127.0.0.1\\conf\0").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(request.CtlCode, Is.EqualTo(FsctlCode.DfsGetReferrals));
            Assert.That(request.MaxOutputResponse, Is.EqualTo(0xFFFF));
            Assert.That(request.Input.ToArray(), Is.EqualTo(input));
        });
        var built = new IoctlRequest { CtlCode = FsctlCode.DfsGetReferrals, FileId = FileId.Related, MaxOutputResponse = 0xFFFF, Flags = IoctlFlags.IsFsctl, Input = input };
        Assert.That(Body(built), Is.EqualTo(DfsReferralRequest[Smb2Header.Size..]));
    }

    // 2.2.32 / 2.2.32.5, built by hand: an IOCTL response whose output holds two NETWORK_INTERFACE_INFO
    // entries, and whose input count is nonzero so the output starts 8-aligned after it.
    private static byte[] NetworkInterfaceResponseBody => new SpecLayout()
        .U16(49).U16(0).U32(FsctlCode.QueryNetworkInterfaceInfo)
        .U64(0x1111).U64(0x2222)                      // FileId
        .U32(112).U32(3)                               // InputOffset, InputCount
        .U32(120).U32(2 * 152)                         // OutputOffset = 112 + 3 rounded up to 8, OutputCount
        .U32(0).U32(0)                                 // Flags, Reserved2
        .Bytes(0xAA, 0xBB, 0xCC).Zeros(5)              // input, padding
        .Bytes(NetworkInterfaceInfoLayout.TwoInterfaces)
        .ToArray();

    [Test]
    public void EncodesAnIoctlResponseWithAnInputAndAnAlignedOutput()
    {
        var response = new IoctlResponse
        {
            CtlCode = FsctlCode.QueryNetworkInterfaceInfo,
            FileId = new FileId(0x1111, 0x2222),
            Input = new byte[] { 0xAA, 0xBB, 0xCC },
            Output = ChainedEntries.Encode(NetworkInterfaceInfoLayout.TwoInterfacesTyped()),
        };
        Assert.That(Body(response), Is.EqualTo(NetworkInterfaceResponseBody));
    }

    [Test]
    public void DecodesAnIoctlResponseWithAnInputAndAnAlignedOutput()
    {
        var message = DecodeAssert.Message(Smb2Command.Ioctl, response: true, NetworkInterfaceResponseBody);
        var response = IoctlResponse.Read(message).Unwrap();
        var interfaces = ChainedEntries.Read<NetworkInterfaceInfo>(response.Output).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.Input.ToArray(), Is.EqualTo(new byte[] { 0xAA, 0xBB, 0xCC }));
            Assert.That(response.Output.Length, Is.EqualTo(304));
            Assert.That(response.InputOffset, Is.Null);
            Assert.That(response.OutputOffset, Is.Null);
            Assert.That(interfaces, Has.Count.EqualTo(2));
            Assert.That(interfaces[1].SockAddrStorage.Address.ToString(), Is.EqualTo("fe80::1234:5678:9abc:def0"));
        });
    }

    [Test]
    public void KeepsAndWritesOverriddenOffsetsAndCounts()
    {
        var request = new IoctlRequest { Input = new byte[] { 1, 2 }, InputOffset = 0, InputCount = 0xFFFFFFFF, OutputOffset = 0x1234, OutputCount = 9 };
        var body = Body(request);
        Assert.That(body[24..32], Is.EqualTo(new SpecLayout().U32(0).U32(0xFFFFFFFF).ToArray()));
        Assert.That(body[36..44], Is.EqualTo(new SpecLayout().U32(0x1234).U32(9).ToArray()));

        // A real sender's offset that differs from the computed one survives decoding and re-encoding.
        var zeroOffsets = DecodeAssert.WithU32(DecodeAssert.WithU32(ValidateNegotiateResponse, 64 + 24, 0), 64 + 32, 0x70);
        var decoded = IoctlResponse.Read(zeroOffsets).Unwrap();
        Assert.That(decoded.InputOffset, Is.EqualTo(0));
        Assert.That(Body(decoded), Is.EqualTo(zeroOffsets[Smb2Header.Size..]));
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        DecodeAssert.EveryTruncationFails<IoctlRequest>(ValidateNegotiateRequest);
        DecodeAssert.EveryTruncationFails<IoctlResponse>(ValidateNegotiateResponse);
        DecodeAssert.EveryTruncationFails<IoctlResponse>(DecodeAssert.Message(Smb2Command.Ioctl, true, NetworkInterfaceResponseBody));
    }

    [TestCase(24u, 0xFFFFFFF0u, "InputOffset")]    // offset past the message
    [TestCase(24u, 64u, "InputOffset")]            // offset inside the header
    [TestCase(24u, 100u, "InputOffset")]           // offset inside the fixed part
    [TestCase(28u, 0xFFFFFFFFu, "InputOffset")]    // huge count
    [TestCase(28u, 29u, "InputOffset")]            // one byte past the end
    [TestCase(40u, 1u, "OutputOffset")]            // an output count with the output offset at the message's end
    [TestCase(40u, 0x80000000u, "OutputOffset")]
    public void RejectsARequestBufferOutsideTheMessage(uint bodyOffset, uint value, string field)
    {
        var message = ValidateNegotiateRequest;
        if (field == "OutputOffset")
        {
            message = DecodeAssert.WithU32(message, 64 + 36, (uint)message.Length);
        }
        var error = DecodeAssert.Fails<IoctlRequest>(DecodeAssert.WithU32(message, 64 + (int)bodyOffset, value), field);
        Assert.That(error.Clause, Is.EqualTo("2.2.31"));
    }

    [TestCase(28u, 0xFFFFFFFFu, "InputOffset")]
    [TestCase(28u, 1u, "InputOffset")]            // one input byte at InputOffset = the message's end
    [TestCase(32u, 0x71u, "OutputOffset")]
    [TestCase(32u, 8u, "OutputOffset")]
    [TestCase(36u, 0xFFFFFFFFu, "OutputOffset")]
    public void RejectsAResponseBufferOutsideTheMessage(uint bodyOffset, uint value, string field)
    {
        var message = ValidateNegotiateResponse;
        if (bodyOffset == 28)
        {
            message = DecodeAssert.WithU32(message, 64 + 24, (uint)message.Length);
        }
        var error = DecodeAssert.Fails<IoctlResponse>(DecodeAssert.WithU32(message, 64 + (int)bodyOffset, value), field);
        Assert.That(error.Clause, Is.EqualTo("2.2.32"));
    }

    // A zero count makes any offset acceptable (BodyChecks.Buffer); the offset is kept for re-encoding.
    [Test]
    public void AcceptsAnyOffsetForAnEmptyInput()
    {
        var message = DecodeAssert.WithU32(ValidateNegotiateResponse, 64 + 24, 0xFFFFFFF0);
        var response = IoctlResponse.Read(message).Unwrap();
        Assert.That(response.InputOffset, Is.EqualTo(0xFFFFFFF0));
        Assert.That(Body(response), Is.EqualTo(message[Smb2Header.Size..]));
    }

    [Test]
    public void RejectsAWrongStructureSize()
    {
        DecodeAssert.Fails<IoctlRequest>(DecodeAssert.WithU16(ValidateNegotiateRequest, 64, 56), "StructureSize");
        DecodeAssert.Fails<IoctlResponse>(DecodeAssert.WithU16(ValidateNegotiateResponse, 64, 9), "StructureSize");
    }
}
