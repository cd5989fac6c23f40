using System.Buffers.Binary;
using System.Text;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class ErrorResponseTests
{
    // smbclient-SMB3 frame 9: IOCTL (DFS referral on IPC$) failed with STATUS_NOT_FOUND; frame 25:
    // QUERY_DIRECTORY ended with STATUS_NO_MORE_FILES. Both: ByteCount 0 and the one ErrorData byte.
    private static byte[] NotFound => Golden.Frame("smbclient-SMB3", 9);
    private static byte[] NoMoreFiles => Golden.Frame("smbclient-SMB3", 25);

    [Test]
    public void DecodesTheErrorResponsesOfTheCapture()
    {
        var notFound = ErrorResponse.Read(NotFound).Unwrap();
        var noMoreFiles = ErrorResponse.Read(NoMoreFiles).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(Smb2Header.Read(NotFound).Unwrap().Status, Is.EqualTo(NtStatus.NotFound));
            Assert.That(notFound.Command, Is.EqualTo(Smb2Command.Ioctl));
            Assert.That(notFound.ErrorData.IsEmpty, Is.True);
            Assert.That(notFound.ErrorContexts, Is.Empty);
            Assert.That(notFound.ByteCount, Is.Null);
            Assert.That(notFound.Size, Is.EqualTo(9), "the one ErrorData byte belongs to the body");
            Assert.That(noMoreFiles.Command, Is.EqualTo(Smb2Command.QueryDirectory));
            Assert.That(noMoreFiles.SymbolicLink, Is.Null);
        });
    }

    [Test]
    public void EncodesTheErrorResponsesOfTheCaptureWithTheOneErrorDataByte()
    {
        Assert.That(Golden.EncodeWithHeaderOf(NotFound, new ErrorResponse(Smb2Command.Ioctl)), Is.EqualTo(NotFound));
        Assert.That(Golden.EncodeWithHeaderOf(NoMoreFiles, new ErrorResponse(Smb2Command.QueryDirectory)), Is.EqualTo(NoMoreFiles));
    }

    [Test]
    public void AMissingErrorDataByteIsADecodeError()
    {
        var error = Golden.Fails<ErrorResponse>(NotFound[..72]);
        Assert.That(error.Field, Is.EqualTo("ErrorData"));
        Assert.That(error.Clause, Is.EqualTo("2.2.2"));
    }

    // Hand-built from current MS-SMB2 2.2.2 / 2.2.2.1 (no 3.1.1 error contexts in the captures): two
    // contexts, the second at the next 8-byte boundary from the ERROR Response's start.
    private static readonly byte[] ContextsBody = Convert.FromHexString(
        "0900" + "02" + "00" + "1D000000" +                 // ErrorContextCount 2, ByteCount 29
        "04000000" + "00000000" + "00100000" +             // ErrorDataLength 4, SMB2_ERROR_ID_DEFAULT, 4096
        "00000000" +                                       // padding to body offset 24
        "05000000" + "53526472" + "0102030405");           // ErrorDataLength 5, SMB2_ERROR_ID_SHARE_REDIRECT

    private static byte[] WithContexts => Golden.Message(Smb2Command.Read, true, NtStatus.BufferTooSmall, ContextsBody);

    [Test]
    public void DecodesErrorContexts()
    {
        var response = ErrorResponse.Read(WithContexts).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.ErrorContexts, Has.Count.EqualTo(2));
            Assert.That(response.ErrorContexts[0].ErrorId, Is.EqualTo(ErrorId.Default));
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(response.ErrorContexts[0].ErrorContextData.Span), Is.EqualTo(4096));
            Assert.That(response.ErrorContexts[1].ErrorId, Is.EqualTo(ErrorId.ShareRedirect));
            Assert.That(response.ErrorContexts[1].ErrorContextData.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5 }));
            Assert.That(response.ByteCount, Is.Null);
        });
    }

    [Test]
    public void EncodesErrorContexts()
    {
        var response = new ErrorResponse(Smb2Command.Read)
        {
            ErrorContexts =
            [
                new ErrorContext { ErrorId = ErrorId.Default, ErrorContextData = new byte[] { 0x00, 0x10, 0x00, 0x00 } },
                new ErrorContext { ErrorId = ErrorId.ShareRedirect, ErrorContextData = new byte[] { 1, 2, 3, 4, 5 } },
            ],
        };
        Assert.That(Golden.EncodeWithHeaderOf(WithContexts, response), Is.EqualTo(WithContexts));
    }

    [Test]
    public void AHugeErrorContextCountIsADecodeError() =>
        Assert.That(Golden.Fails<ErrorResponse>(Golden.Patched(WithContexts, 66, 0xFF)).Field, Is.EqualTo("ErrorContexts[2]"));

    [Test]
    public void AnErrorDataLengthPastByteCountIsADecodeError()
    {
        var error = Golden.Fails<ErrorResponse>(Golden.PatchedU32(WithContexts, 88, 6));
        Assert.That(error.Field, Is.EqualTo("ErrorContexts[1].ErrorDataLength"));
        Assert.That(error.Offset, Is.EqualTo(88));
    }

    [TestCase(30u, TestName = "ByteCount one past the end")]
    [TestCase(0xFFFFFFFFu, TestName = "ByteCount 0xFFFFFFFF")]
    public void AByteCountPastTheEndIsADecodeError(uint byteCount) =>
        Assert.That(Golden.Fails<ErrorResponse>(Golden.PatchedU32(WithContexts, 68, byteCount)).Field, Is.EqualTo("ByteCount"));

    // The spec's own absolute-link example (2.2.2.1.1; current MS-SMB2 2.2.2.2.1.1), laid out by hand:
    // SymLinkLength, SymLinkErrorTag, ReparseTag, ReparseDataLength, UnparsedPathLength, name
    // offsets/lengths, Flags, then PathBuffer = substitute name + print name.
    private const string Substitute = @"\??\D:\DonHall\MiscDocuments\PDocs";
    private const string Print = @"D:\DonHall\MiscDocuments\PDocs";

    private static byte[] SymbolicLinkData(string substitute, string print, uint flags)
    {
        var pathBuffer = Encoding.Unicode.GetBytes(substitute + print);
        var data = new byte[28 + pathBuffer.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(data, (uint)(24 + pathBuffer.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), 0x4C4D5953);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), 0xA000000C);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), (ushort)(pathBuffer.Length + 12));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(14), 0x2E);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(16), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(18), (ushort)(2 * substitute.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(20), (ushort)(2 * substitute.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(22), (ushort)(2 * print.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(24), flags);
        pathBuffer.CopyTo(data, 28);
        return data;
    }

    private static byte[] SymbolicLinkResponse
    {
        get
        {
            var data = SymbolicLinkData(Substitute, Print, 0);
            byte[] body = [0x09, 0x00, 0x00, 0x00, .. BitConverter.GetBytes((uint)data.Length), .. data];
            return Golden.Message(Smb2Command.Create, true, NtStatus.StoppedOnSymlink, body);
        }
    }

    [Test]
    public void DecodesTheSymbolicLinkErrorOfTheSpecExample()
    {
        var link = ErrorResponse.Read(SymbolicLinkResponse).Unwrap().SymbolicLink;
        Assert.That(link, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(link!.SubstituteName, Is.EqualTo(Substitute));
            Assert.That(link.PrintName, Is.EqualTo(Print));
            Assert.That(link.UnparsedPathLength, Is.EqualTo(0x2E));
            Assert.That(link.Flags, Is.EqualTo(SymbolicLinkFlags.Absolute));
            Assert.That(link.SymLinkErrorTag, Is.EqualTo(0x4C4D5953));
            Assert.That(link.ReparseTag, Is.EqualTo(0xA000000C));
            Assert.That(2 * link.SubstituteName.Length, Is.EqualTo(0x44), "the example's SubstituteNameLength");
            Assert.That(link.SymLinkLength ?? link.ReparseDataLength ?? link.PrintNameOffset, Is.Null, "every length is the computed one");
        });
    }

    [Test]
    public void EncodesTheSymbolicLinkErrorOfTheSpecExample()
    {
        var link = new SymbolicLinkErrorResponse { SubstituteName = Substitute, PrintName = Print, UnparsedPathLength = 0x2E };
        var response = new ErrorResponse(Smb2Command.Create) { ErrorData = link.ToArray() };
        Assert.That(Golden.EncodeWithHeaderOf(SymbolicLinkResponse, response), Is.EqualTo(SymbolicLinkResponse));
    }

    [Test]
    public void DecodesARelativeSymbolicLinkInsideA311ErrorContext()
    {
        const string relative = @"..\DonHall\Documents\PDocs";
        var data = SymbolicLinkData(relative, relative, 1);
        byte[] body = [0x09, 0x00, 0x01, 0x00, .. BitConverter.GetBytes((uint)(8 + data.Length)), .. BitConverter.GetBytes((uint)data.Length), 0, 0, 0, 0, .. data];
        var message = Golden.Message(Smb2Command.Create, true, NtStatus.StoppedOnSymlink, body);
        var response = ErrorResponse.Read(message).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.SymbolicLink!.SubstituteName, Is.EqualTo(relative));
            Assert.That(response.SymbolicLink.Flags, Is.EqualTo(SymbolicLinkFlags.SymlinkFlagRelative));
            Assert.That(Golden.ReEncode<ErrorResponse>(message), Is.EqualTo(message));
        });
    }

    [TestCase(16, (ushort)0x0100, "SubstituteNameOffset", TestName = "SubstituteNameOffset outside PathBuffer")]
    [TestCase(22, (ushort)0x0100, "PrintNameOffset", TestName = "PrintNameLength outside PathBuffer")]
    public void ANameOutsideThePathBufferIsADecodeError(int fieldOffset, ushort value, string field)
    {
        var error = Golden.Fails<ErrorResponse>(Golden.PatchedU16(SymbolicLinkResponse, 72 + fieldOffset, value));
        Assert.That(error.Field, Is.EqualTo(field));
        Assert.That(error.Clause, Is.EqualTo("2.2.2.2.1"));
    }

    [TestCase(0u, TestName = "SymLinkLength 0")]
    [TestCase(0x1000u, TestName = "SymLinkLength past ErrorData")]
    public void ABadSymLinkLengthIsADecodeError(uint length) =>
        Assert.That(Golden.Fails<ErrorResponse>(Golden.PatchedU32(SymbolicLinkResponse, 72, length)).Field, Is.EqualTo("SymLinkLength"));

    [Test]
    public void StoppedOnSymlinkWithoutTheStructureIsADecodeError()
    {
        var message = Golden.PatchedU32(NotFound, 8, NtStatus.StoppedOnSymlink);
        Assert.That(Golden.Fails<ErrorResponse>(message).MessageName, Is.EqualTo("Symbolic Link Error Response"));
    }

    [Test]
    public void EveryTruncationIsADecodeError()
    {
        Golden.EveryTruncationFails<ErrorResponse>(NotFound);
        Golden.EveryTruncationFails<ErrorResponse>(WithContexts);
        Golden.EveryTruncationFails<ErrorResponse>(SymbolicLinkResponse);
    }

    [Test]
    public void NoByteChangeThrows()
    {
        Golden.NoByteChangeThrows<ErrorResponse>(WithContexts);
        Golden.NoByteChangeThrows<ErrorResponse>(SymbolicLinkResponse);
    }

    [Test]
    public void TheHandBuiltResponsesReEncodeIdentically()
    {
        Assert.That(Golden.ReEncode<ErrorResponse>(WithContexts), Is.EqualTo(WithContexts));
        Assert.That(Golden.ReEncode<ErrorResponse>(SymbolicLinkResponse), Is.EqualTo(SymbolicLinkResponse));
    }
}
