using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

public class ReadAndWriteTests
{
    // smbclient-SMB3: #16/#17 WRITE of "vm\n" to h.txt and its response; #38/#39 READ of it back.
    private static byte[] Frame(int index) => Capture.Load("smbclient-SMB3").Frames[index].Bytes;
    private static readonly FileId WrittenFile = new(0xFFBAFE42, 0x0178AC5E);
    private static readonly FileId ReadFile = new(0x12D79892, 0xAACBA1EF);
    private static readonly byte[] Content = "vm\n"u8.ToArray();

    private const string Header = "FE534D42" + "4000" + "0000" + "00000000" + "0800" + "0000" + "00000000" + "00000000" +
        "0000000000000000" + "00000000" + "00000000" + "0000000000000000" + "00000000000000000000000000000000";

    // A READ Request with every field distinct and RDMA channel info (2.2.19).
    private static readonly byte[] ReadWithChannelInfo = Hex.Join(Header,
        "3100", "50", "01",                       // StructureSize 49, Padding 0x50, READ_UNBUFFERED
        "00000100",                               // Length 0x10000
        "0800000000000000",                       // Offset 8
        "0102030405060708", "1112131415161718",   // FileId
        "00020000",                               // MinimumCount 0x200
        "01000000",                               // Channel RDMA_V1
        "00300000",                               // RemainingBytes 0x3000
        "7000", "1000",                           // ReadChannelInfoOffset 0x70, ReadChannelInfoLength 16
        "C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0");      // SMB_DIRECT_BUFFER_DESCRIPTOR_V1

    // A WRITE Request with data and channel info, every field distinct (2.2.21).
    private static readonly byte[] WriteWithChannelInfo = Hex.Join(Header.Replace("0800" + "0000" + "00000000", "0900" + "0000" + "00000000"),
        "3100", "7000",                           // StructureSize 49, DataOffset 0x70
        "02000000",                               // Length 2
        "0900000000000000",                       // Offset 9
        "2122232425262728", "3132333435363738",   // FileId
        "02000000",                               // Channel RDMA_V1_INVALIDATE
        "00400000",                               // RemainingBytes 0x4000
        "7200", "0400",                           // WriteChannelInfoOffset 0x72, WriteChannelInfoLength 4
        "03000000",                               // Flags WRITE_THROUGH | WRITE_UNBUFFERED
        "AABB",                                   // data
        "E1E2E3E4");                              // channel info

    [Test]
    public void DecodesTheCapturedWrite()
    {
        var request = WriteRequest.Read(Frame(16)).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Data.ToArray(), Is.EqualTo(Content));
            Assert.That(request.Offset, Is.Zero);
            Assert.That(request.FileId, Is.EqualTo(WrittenFile));
            Assert.That(request.Channel, Is.EqualTo(Channel.None));
            Assert.That(request.Flags, Is.EqualTo(WriteFlags.None));
            Assert.That(request.DataOffset, Is.Null, "0x70 is computed");
        });
        Assert.That(WriteResponse.Read(Frame(17)).Unwrap().Count, Is.EqualTo(3));
    }

    [Test]
    public void EncodesTheCapturedWrite()
    {
        var request = new WriteRequest { FileId = WrittenFile, Data = Content };
        Assert.That(MessageAssert.Encode(Smb2Header.Read(Frame(16)).Unwrap(), request), Is.EqualTo(Frame(16)));
        Assert.That(MessageAssert.Encode(Smb2Header.Read(Frame(17)).Unwrap(), new WriteResponse { Count = 3 }), Is.EqualTo(Frame(17)));
    }

    [Test]
    public void DecodesTheCapturedRead()
    {
        var request = ReadRequest.Read(Frame(38)).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.Length, Is.EqualTo(3));
            Assert.That(request.Offset, Is.Zero);
            Assert.That(request.FileId, Is.EqualTo(ReadFile));
            Assert.That(request.MinimumCount, Is.Zero);
            Assert.That(request.ReadChannelInfo.IsEmpty, Is.True);
            Assert.That(request.Size, Is.EqualTo(49), "the one Buffer byte belongs to the body");
        });
        var response = ReadResponse.Read(Frame(39)).Unwrap();
        Assert.That(response.Data.ToArray(), Is.EqualTo(Content));
        Assert.That(response.DataOffset, Is.Null, "0x50 is computed");
    }

    [Test]
    public void EncodesTheCapturedRead()
    {
        Assert.That(MessageAssert.Encode(Smb2Header.Read(Frame(38)).Unwrap(), new ReadRequest { Length = 3, FileId = ReadFile }), Is.EqualTo(Frame(38)));
        Assert.That(MessageAssert.Encode(Smb2Header.Read(Frame(39)).Unwrap(), new ReadResponse { Data = Content }), Is.EqualTo(Frame(39)));
    }

    [Test]
    public void EncodesAndDecodesAReadWithChannelInfo()
    {
        var model = new ReadRequest
        {
            Padding = 0x50,
            Flags = ReadRequestFlags.ReadUnbuffered,
            Length = 0x10000,
            Offset = 8,
            FileId = new FileId(0x0807060504030201, 0x1817161514131211),
            MinimumCount = 0x200,
            Channel = Channel.RdmaV1,
            RemainingBytes = 0x3000,
            ReadChannelInfo = Convert.FromHexString("C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0"),
        };
        Assert.That(MessageAssert.Encode(new Smb2Header { Command = Smb2Command.Read }, model), Is.EqualTo(ReadWithChannelInfo));
        var read = ReadRequest.Read(ReadWithChannelInfo).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(read.Padding, Is.EqualTo(0x50));
            Assert.That(read.Flags, Is.EqualTo(ReadRequestFlags.ReadUnbuffered));
            Assert.That(read.Length, Is.EqualTo(0x10000));
            Assert.That(read.Offset, Is.EqualTo(8));
            Assert.That(read.FileId, Is.EqualTo(model.FileId));
            Assert.That(read.MinimumCount, Is.EqualTo(0x200));
            Assert.That(read.Channel, Is.EqualTo(Channel.RdmaV1));
            Assert.That(read.RemainingBytes, Is.EqualTo(0x3000));
            Assert.That(read.ReadChannelInfo.ToArray(), Is.EqualTo(model.ReadChannelInfo.ToArray()));
            Assert.That(read.ReadChannelInfoOffset, Is.Null);
        });
    }

    [Test]
    public void EncodesAndDecodesAWriteWithChannelInfo()
    {
        var model = new WriteRequest
        {
            Offset = 9,
            FileId = new FileId(0x2827262524232221, 0x3837363534333231),
            Channel = Channel.RdmaV1Invalidate,
            RemainingBytes = 0x4000,
            Flags = WriteFlags.WriteThrough | WriteFlags.WriteUnbuffered,
            Data = new byte[] { 0xAA, 0xBB },
            WriteChannelInfo = new byte[] { 0xE1, 0xE2, 0xE3, 0xE4 },
        };
        Assert.That(MessageAssert.Encode(new Smb2Header { Command = Smb2Command.Write }, model), Is.EqualTo(WriteWithChannelInfo));
        var write = WriteRequest.Read(WriteWithChannelInfo).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(write.Offset, Is.EqualTo(9));
            Assert.That(write.FileId, Is.EqualTo(model.FileId));
            Assert.That(write.Channel, Is.EqualTo(Channel.RdmaV1Invalidate));
            Assert.That(write.RemainingBytes, Is.EqualTo(0x4000));
            Assert.That(write.Flags, Is.EqualTo(WriteFlags.WriteThrough | WriteFlags.WriteUnbuffered));
            Assert.That(write.Data.ToArray(), Is.EqualTo(new byte[] { 0xAA, 0xBB }));
            Assert.That(write.WriteChannelInfo.ToArray(), Is.EqualTo(new byte[] { 0xE1, 0xE2, 0xE3, 0xE4 }));
            Assert.That(write.DataOffset, Is.Null);
            Assert.That(write.WriteChannelInfoOffset, Is.Null);
        });
    }

    [Test]
    public void EveryTruncationFails()
    {
        MessageAssert.EveryTruncationFails(Frame(16), WriteRequest.Read);
        MessageAssert.EveryTruncationFails(Frame(17), WriteResponse.Read);
        MessageAssert.EveryTruncationFails(Frame(38), ReadRequest.Read);
        MessageAssert.EveryTruncationFails(Frame(39), ReadResponse.Read);
        MessageAssert.EveryTruncationFails(ReadWithChannelInfo, ReadRequest.Read);
        MessageAssert.EveryTruncationFails(WriteWithChannelInfo, WriteRequest.Read);
    }

    [Test]
    public void RejectsOffsetsOutsideTheMessage()
    {
        MessageAssert.Fails(WriteRequest.Read(MessageAssert.WithU16(Frame(16), 64 + 2, 0x71)), "DataOffset");
        MessageAssert.Fails(WriteRequest.Read(MessageAssert.WithU32(Frame(16), 64 + 4, uint.MaxValue)), "DataOffset");
        MessageAssert.Fails(WriteRequest.Read(MessageAssert.WithU16(Frame(16), 64 + 2, 0x10)), "DataOffset");
        MessageAssert.Fails(WriteRequest.Read(MessageAssert.WithU16(WriteWithChannelInfo, 64 + 40, 0xFFFF)), "WriteChannelInfoOffset");
        MessageAssert.Fails(ReadRequest.Read(MessageAssert.WithU16(ReadWithChannelInfo, 64 + 46, 0x11)), "ReadChannelInfoOffset");
        MessageAssert.Fails(ReadRequest.Read(MessageAssert.WithU16(ReadWithChannelInfo, 64 + 44, 0x20)), "ReadChannelInfoOffset");
        MessageAssert.Fails(ReadResponse.Read(MessageAssert.WithU32(Frame(39), 64 + 4, 4)), "DataOffset");
        MessageAssert.Fails(ReadResponse.Read(MessageAssert.With(Frame(39), 64 + 2, 0xFF)), "DataOffset");
        MessageAssert.Fails(ReadResponse.Read(MessageAssert.With(Frame(39), 64 + 2, 0x08)), "DataOffset");
    }

    [Test]
    public void RejectsAReadRequestWithoutItsBufferByte()
    {
        MessageAssert.Fails(ReadRequest.Read(Frame(38)[..^1]), "Buffer");
    }

    [Test]
    public void NeverThrowsOnAnyOneByteCorruption()
    {
        CreateContextTests.ForEveryCorruption(ReadWithChannelInfo, bytes => ReadRequest.Read(bytes));
        CreateContextTests.ForEveryCorruption(WriteWithChannelInfo, bytes => WriteRequest.Read(bytes));
        CreateContextTests.ForEveryCorruption(Frame(39), bytes => ReadResponse.Read(bytes));
    }
}
