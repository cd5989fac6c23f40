using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>LOCK Request and Response (2.2.26, 2.2.26.1, 2.2.27), golden bytes built by hand, every field distinct.</summary>
public class LockTests
{
    private const string RequestHeader = "FE534D42" + "4000" + "0000" + "00000000" + "0A00" + "0000" + "00000000" + "00000000" +
        "0000000000000000" + "00000000" + "00000000" + "0000000000000000" + "00000000000000000000000000000000";

    private static readonly byte[] RequestBytes = Hex.Join(RequestHeader,
        "3000",                                   // StructureSize 48
        "0200",                                   // LockCount 2
        "5A000000",                               // LockSequenceNumber 0xA (low 4 bits), LockSequenceIndex 5 (high 28)
        "0102030405060708", "1112131415161718",   // FileId

        // SMB2_LOCK_ELEMENT 0
        "0010000000000000",                       // Offset 0x1000
        "0002000000000000",                       // Length 0x200
        "12000000",                               // Flags EXCLUSIVE_LOCK | FAIL_IMMEDIATELY
        "00000000",                               // Reserved

        // SMB2_LOCK_ELEMENT 1
        "0030000000000000",                       // Offset 0x3000
        "0400000000000000",                       // Length 4
        "04000000",                               // Flags UNLOCK
        "00000000");

    private static readonly byte[] ResponseBytes = Hex.Join(RequestHeader.Replace("0A00" + "0000" + "00000000", "0A00" + "0000" + "01000000"), "0400", "0000");

    private static LockRequest Model => new()
    {
        LockSequenceNumber = 0xA,
        LockSequenceIndex = 5,
        FileId = new FileId(0x0807060504030201, 0x1817161514131211),
        Locks =
        {
            new LockElement(0x1000, 0x200, LockFlags.ExclusiveLock | LockFlags.FailImmediately),
            new LockElement(0x3000, 4, LockFlags.Unlock),
        },
    };

    [Test]
    public void EncodesTheRequest()
    {
        Assert.That(MessageAssert.Encode(new Smb2Header(), Model), Is.EqualTo(RequestBytes));
    }

    [Test]
    public void DecodesTheRequest()
    {
        var request = LockRequest.Read(RequestBytes).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.LockSequenceNumber, Is.EqualTo(0xA));
            Assert.That(request.LockSequenceIndex, Is.EqualTo(5));
            Assert.That(request.LockSequence, Is.EqualTo(0x5A));
            Assert.That(request.FileId, Is.EqualTo(new FileId(0x0807060504030201, 0x1817161514131211)));
            Assert.That(request.Locks, Is.EqualTo(Model.Locks));
            Assert.That(request.LockCount, Is.Null);
        });
        Assert.That(MessageAssert.Encode(new Smb2Header(), request), Is.EqualTo(RequestBytes));
    }

    [Test]
    public void EncodesAndDecodesTheResponse()
    {
        Assert.That(MessageAssert.Encode(new Smb2Header { Flags = Smb2HeaderFlags.ServerToRedir }, new LockResponse()), Is.EqualTo(ResponseBytes));
        Assert.That(LockResponse.Read(ResponseBytes).IsSuccess, Is.True);
    }

    [Test]
    public void TheSequenceIndexTakesTheHigh28Bits()
    {
        var request = new LockRequest { LockSequence = 0xFFFFFFF3 };
        Assert.That(request.LockSequenceNumber, Is.EqualTo(3));
        Assert.That(request.LockSequenceIndex, Is.EqualTo(0x0FFFFFFF));
    }

    [Test]
    public void WritesALockCountOverrideAsGiven()
    {
        var request = Model;
        request.LockCount = 7;
        request.StructureSize = 24;
        var bytes = MessageAssert.Encode(new Smb2Header(), request);
        Assert.That(bytes[64..68], Is.EqualTo(Hex.Join("1800", "0700")));
        Assert.That(bytes, Has.Length.EqualTo(RequestBytes.Length), "the elements stay as they are");
    }

    [Test]
    public void EveryTruncationFails()
    {
        MessageAssert.EveryTruncationFails(RequestBytes, LockRequest.Read);
        MessageAssert.EveryTruncationFails(ResponseBytes, LockResponse.Read);
    }

    [TestCase((ushort)3)]
    [TestCase((ushort)0xFFFF)]
    public void RejectsALockCountBeyondTheMessage(ushort lockCount)
    {
        MessageAssert.Fails(LockRequest.Read(MessageAssert.WithU16(RequestBytes, 64 + 2, lockCount)), "LockCount");
    }

    [Test]
    public void RejectsAWrongStructureSize()
    {
        MessageAssert.Fails(LockRequest.Read(MessageAssert.WithU16(RequestBytes, 64, 72)), "StructureSize");
    }

    [Test]
    public void NeverThrowsOnAnyOneByteCorruption()
    {
        CreateContextTests.ForEveryCorruption(RequestBytes, bytes => LockRequest.Read(bytes));
    }
}
