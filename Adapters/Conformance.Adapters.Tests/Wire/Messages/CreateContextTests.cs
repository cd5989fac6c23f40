using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// Every modelled create context, request and response side, in golden bytes built by hand from
/// 2.2.13.2 and 2.2.14.2 with a distinct value in every field; and malformed context lists.
/// </summary>
public class CreateContextTests
{
    private const string RequestHeader =
        "FE534D42" + "4000" + "0000" + "00000000" + "0500" + "0000" + "00000000" + "00000000" +
        "0000000000000000" + "00000000" + "00000000" + "0000000000000000" + "00000000000000000000000000000000";

    private const string ResponseHeader =
        "FE534D42" + "4000" + "0000" + "00000000" + "0500" + "0000" + "01000000" + "00000000" +
        "0000000000000000" + "00000000" + "00000000" + "0000000000000000" + "00000000000000000000000000000000";

    private static readonly Guid CreateGuid = new("01020304-0506-0708-090A-0B0C0D0E0F10");
    private static readonly Guid LeaseKey = new("A1A2A3A4-B1B2-C1C2-D1D2-D3D4D5D6D7D8");
    private static readonly Guid AppInstance = new("E1E2E3E4-F1F2-0102-0304-050607080910");

    private static readonly byte[] RequestWithEveryContext = Hex.Join(
        RequestHeader,
        "3900", "00", "01", "01000000",           // StructureSize, SecurityFlags, oplock II, Identification
        "0000000000000000", "0000000000000000",   // SmbCreateFlags, Reserved
        "89001200", "80000000", "01000000",       // DesiredAccess, NORMAL, FILE_SHARE_READ
        "02000000", "00002000",                   // FILE_CREATE, FILE_OPEN_REPARSE_POINT
        "7800", "0200", "80000000", "34010000",   // NameOffset, NameLength, CreateContextsOffset 0x80, Length 308
        "6100", "000000000000",                   // "a", padding to 0x80

        // DHnQ (2.2.13.2.3)
        "28000000", "1000", "0400", "0000", "1800", "10000000", "44486E51", "00000000",
        "00000000000000000000000000000000",
        // DHnC (2.2.13.2.4)
        "28000000", "1000", "0400", "0000", "1800", "10000000", "44486E43", "00000000",
        "1817161514131211", "2827262524232221",   // FileId

        // DH2C (2.2.13.2.12)
        "40000000", "1000", "0400", "0000", "1800", "24000000", "44483243", "00000000",
        "3837363534333231", "4847464544434241",   // FileId
        "0403020106050807090A0B0C0D0E0F10",       // CreateGuid
        "02000000",                               // Flags PERSISTENT
        "00000000",                               // padding

        // RqLs v1 (2.2.13.2.8)
        "38000000", "1000", "0400", "0000", "1800", "20000000", "52714C73", "00000000",
        "A4A3A2A1B2B1C2C1D1D2D3D4D5D6D7D8",       // LeaseKey
        "05000000", "02000000",                   // LeaseState R|W, LeaseFlags
        "0807060504030201",                       // LeaseDuration

        // MxAc with a timestamp (2.2.13.2.5)
        "20000000", "1000", "0400", "0000", "1800", "08000000", "4D784163", "00000000",
        "78563412000000D0",                       // Timestamp

        // QFid (2.2.13.2.9): no data, DataOffset 0
        "18000000", "1000", "0400", "0000", "0000", "00000000", "51466964", "00000000",
        // AppInstanceId (2.2.13.2.13): GUID name
        "00000000", "1000", "1000", "0000", "2000", "14000000",
        "45BCA66AEFA7F74A9008FA462E144D74",
        "1400", "0000",                           // StructureSize 20, Reserved
        "E4E3E2E1F2F102010304050607080910");      // AppInstanceId

    private static readonly byte[] ResponseWithEveryContext = Hex.Join(
        ResponseHeader,
        "5900", "09", "01", "02000000",           // StructureSize, BATCH, REPARSEPOINT, FILE_CREATED
        "010000000000D001", "020000000000D001",   // CreationTime, LastAccessTime
        "030000000000D001", "040000000000D001",   // LastWriteTime, ChangeTime
        "0010000000000000", "2301000000000000",   // AllocationSize, EndofFile
        "21000000", "00000000",                   // FileAttributes, Reserved2
        "5857565554535251", "6867666564636261",   // FileId
        "98000000", "EB000000",                   // CreateContextsOffset 0x98, Length 235

        // DHnQ response (2.2.14.2.3)
        "20000000", "1000", "0400", "0000", "1800", "08000000", "44486E51", "00000000",
        "0000000000000000",
        // MxAc response (2.2.14.2.5)
        "20000000", "1000", "0400", "0000", "1800", "08000000", "4D784163", "00000000",
        "00000000", "FF011F00",                   // QueryStatus, MaximalAccess

        // QFid response (2.2.14.2.9)
        "38000000", "1000", "0400", "0000", "1800", "20000000", "51466964", "00000000",
        "7877767574737271", "8887868584838281", "00000000000000000000000000000000",
        // RqLs v1 response (2.2.14.2.10)
        "38000000", "1000", "0400", "0000", "1800", "20000000", "52714C73", "00000000",
        "A4A3A2A1B2B1C2C1D1D2D3D4D5D6D7D8", "07000000", "02000000", "0000000000000000",
        // DH2Q response (2.2.14.2.12)
        "20000000", "1000", "0400", "0000", "1800", "08000000", "44483251", "00000000",
        "30750000", "02000000",                   // Timeout 30000, PERSISTENT

        // "DHnC" has no response format: kept raw
        "00000000", "1000", "0400", "0000", "1800", "03000000", "44486E43", "00000000",
        "AABBCC");

    private static CreateRequest RequestModel => new()
    {
        RequestedOplockLevel = OplockLevel.II,
        ImpersonationLevel = ImpersonationLevel.Identification,
        DesiredAccess = (AccessMask)0x00120089,
        FileAttributes = FileAttributes.Normal,
        ShareAccess = ShareAccess.FileShareRead,
        CreateDisposition = CreateDisposition.FileCreate,
        CreateOptions = CreateOptions.FileOpenReparsePoint,
        Name = "a",
        CreateContexts =
        {
            new CreateDurableHandleRequest(),
            new CreateDurableHandleReconnect { Data = new FileId(0x1112131415161718, 0x2122232425262728) },
            new CreateDurableHandleReconnectV2 { FileId = new FileId(0x3132333435363738, 0x4142434445464748), CreateGuid = CreateGuid, Flags = DurableHandleFlags.Persistent },
            new CreateRequestLease { LeaseKey = LeaseKey, LeaseState = LeaseState.ReadCaching | LeaseState.WriteCaching, LeaseFlags = LeaseFlags.BreakInProgress, LeaseDuration = 0x0102030405060708 },
            new CreateQueryMaximalAccessRequest { Timestamp = 0xD000000012345678 },
            new CreateQueryOnDiskIdRequest(),
            new CreateAppInstanceId { AppInstanceId = AppInstance },
        },
    };

    private static CreateResponse ResponseModel => new()
    {
        OplockLevel = OplockLevel.Batch,
        Flags = CreateResponseFlags.Reparsepoint,
        CreateAction = CreateAction.FileCreated,
        CreationTime = 0x01D0000000000001,
        LastAccessTime = 0x01D0000000000002,
        LastWriteTime = 0x01D0000000000003,
        ChangeTime = 0x01D0000000000004,
        AllocationSize = 0x1000,
        EndofFile = 0x0123,
        FileAttributes = FileAttributes.ReadOnly | FileAttributes.Archive,
        FileId = new FileId(0x5152535455565758, 0x6162636465666768),
        CreateContexts =
        {
            new CreateDurableHandleResponse(),
            new CreateQueryMaximalAccessResponse { QueryStatus = NtStatus.Success, MaximalAccess = (AccessMask)0x001F01FF },
            new CreateQueryOnDiskIdResponse { DiskFileId = 0x7172737475767778, VolumeId = 0x8182838485868788 },
            new CreateResponseLease { LeaseKey = LeaseKey, LeaseState = LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching, LeaseFlags = LeaseFlags.BreakInProgress },
            new CreateDurableHandleResponseV2 { Timeout = 30000, Flags = DurableHandleFlags.Persistent },
            new RawCreateContext("DHnC"u8.ToArray(), new byte[] { 0xAA, 0xBB, 0xCC }),
        },
    };

    [Test]
    public void EncodesEveryRequestContext()
    {
        Assert.That(MessageAssert.Encode(new Smb2Header(), RequestModel), Is.EqualTo(RequestWithEveryContext));
    }

    [Test]
    public void DecodesEveryRequestContext()
    {
        var request = CreateRequest.Read(RequestWithEveryContext).Unwrap();
        Assert.That(request.Name, Is.EqualTo("a"));
        Assert.That(request.ImpersonationLevel, Is.EqualTo(ImpersonationLevel.Identification));
        Assert.That(request.CreateContexts.Select(context => context.GetType()), Is.EqualTo(new[]
        {
            typeof(CreateDurableHandleRequest), typeof(CreateDurableHandleReconnect), typeof(CreateDurableHandleReconnectV2),
            typeof(CreateRequestLease), typeof(CreateQueryMaximalAccessRequest), typeof(CreateQueryOnDiskIdRequest), typeof(CreateAppInstanceId),
        }));
        var contexts = request.CreateContexts;
        var reconnect = (CreateDurableHandleReconnect)contexts[1];
        var reconnectV2 = (CreateDurableHandleReconnectV2)contexts[2];
        var lease = (CreateRequestLease)contexts[3];
        var maximalAccess = (CreateQueryMaximalAccessRequest)contexts[4];
        var appInstance = (CreateAppInstanceId)contexts[6];
        Assert.Multiple(() =>
        {
            Assert.That(((CreateDurableHandleRequest)contexts[0]).DurableRequest.ToArray(), Is.EqualTo(new byte[16]));
            Assert.That(reconnect.Data, Is.EqualTo(new FileId(0x1112131415161718, 0x2122232425262728)));
            Assert.That(reconnectV2.FileId, Is.EqualTo(new FileId(0x3132333435363738, 0x4142434445464748)));
            Assert.That(reconnectV2.CreateGuid, Is.EqualTo(CreateGuid));
            Assert.That(reconnectV2.Flags, Is.EqualTo(DurableHandleFlags.Persistent));
            Assert.That(lease.LeaseKey, Is.EqualTo(LeaseKey));
            Assert.That(lease.LeaseState, Is.EqualTo(LeaseState.ReadCaching | LeaseState.WriteCaching));
            Assert.That(lease.LeaseFlags, Is.EqualTo(LeaseFlags.BreakInProgress));
            Assert.That(lease.LeaseDuration, Is.EqualTo(0x0102030405060708));
            Assert.That(maximalAccess.Timestamp, Is.EqualTo(0xD000000012345678));
            Assert.That(contexts[5].DataOffset, Is.Null, "0 is the computed DataOffset of an empty context");
            Assert.That(appInstance.Name.ToArray(), Is.EqualTo(Convert.FromHexString("45BCA66AEFA7F74A9008FA462E144D74")));
            Assert.That(appInstance.StructureSize, Is.EqualTo(20));
            Assert.That(appInstance.AppInstanceId, Is.EqualTo(AppInstance));
            Assert.That(contexts.Select(context => context.Next), Has.All.Null, "every Next is the computed one");
        });
        Assert.That(MessageAssert.Encode(new Smb2Header(), request), Is.EqualTo(RequestWithEveryContext));
    }

    [Test]
    public void EncodesEveryResponseContext()
    {
        var header = new Smb2Header { Flags = Smb2HeaderFlags.ServerToRedir };
        Assert.That(MessageAssert.Encode(header, ResponseModel), Is.EqualTo(ResponseWithEveryContext));
    }

    [Test]
    public void DecodesEveryResponseContext()
    {
        var response = CreateResponse.Read(ResponseWithEveryContext).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.OplockLevel, Is.EqualTo(OplockLevel.Batch));
            Assert.That(response.Flags, Is.EqualTo(CreateResponseFlags.Reparsepoint));
            Assert.That(response.CreateAction, Is.EqualTo(CreateAction.FileCreated));
            Assert.That(response.CreationTime, Is.EqualTo(0x01D0000000000001));
            Assert.That(response.LastAccessTime, Is.EqualTo(0x01D0000000000002));
            Assert.That(response.LastWriteTime, Is.EqualTo(0x01D0000000000003));
            Assert.That(response.ChangeTime, Is.EqualTo(0x01D0000000000004));
            Assert.That(response.AllocationSize, Is.EqualTo(0x1000));
            Assert.That(response.EndofFile, Is.EqualTo(0x0123));
            Assert.That(response.FileAttributes, Is.EqualTo(FileAttributes.ReadOnly | FileAttributes.Archive));
            Assert.That(response.FileId, Is.EqualTo(new FileId(0x5152535455565758, 0x6162636465666768)));
        });
        var contexts = response.CreateContexts;
        Assert.That(contexts.Select(context => context.GetType()), Is.EqualTo(new[]
        {
            typeof(CreateDurableHandleResponse), typeof(CreateQueryMaximalAccessResponse), typeof(CreateQueryOnDiskIdResponse),
            typeof(CreateResponseLease), typeof(CreateDurableHandleResponseV2), typeof(RawCreateContext),
        }));
        var maximalAccess = (CreateQueryMaximalAccessResponse)contexts[1];
        var diskId = (CreateQueryOnDiskIdResponse)contexts[2];
        var lease = (CreateResponseLease)contexts[3];
        var durable = (CreateDurableHandleResponseV2)contexts[4];
        var raw = (RawCreateContext)contexts[5];
        Assert.Multiple(() =>
        {
            Assert.That(maximalAccess.QueryStatus, Is.EqualTo(NtStatus.Success));
            Assert.That(maximalAccess.MaximalAccess, Is.EqualTo((AccessMask)0x001F01FF));
            Assert.That(diskId.DiskFileId, Is.EqualTo(0x7172737475767778));
            Assert.That(diskId.VolumeId, Is.EqualTo(0x8182838485868788));
            Assert.That(lease.LeaseKey, Is.EqualTo(LeaseKey));
            Assert.That(lease.LeaseState, Is.EqualTo(LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching));
            Assert.That(lease.LeaseFlags, Is.EqualTo(LeaseFlags.BreakInProgress));
            Assert.That(durable.Timeout, Is.EqualTo(30000));
            Assert.That(durable.Flags, Is.EqualTo(DurableHandleFlags.Persistent));
            Assert.That(raw.NameText, Is.EqualTo("DHnC"));
            Assert.That(raw.Data.ToArray(), Is.EqualTo(new byte[] { 0xAA, 0xBB, 0xCC }));
        });
        Assert.That(MessageAssert.Encode(Smb2Header.Read(ResponseWithEveryContext).Unwrap(), response), Is.EqualTo(ResponseWithEveryContext));
    }

    [Test]
    public void TheSameNameMeansTheRequestOrResponseFormatByDirection()
    {
        // The request's DHnQ carries 16 bytes, the response's 8 (2.2.13.2.3, 2.2.14.2.3).
        Assert.That(CreateRequest.Read(RequestWithEveryContext).Unwrap().CreateContexts[0], Is.TypeOf<CreateDurableHandleRequest>());
        Assert.That(CreateResponse.Read(ResponseWithEveryContext).Unwrap().CreateContexts[0], Is.TypeOf<CreateDurableHandleResponse>());
    }

    [Test]
    public void EveryTruncationFails()
    {
        MessageAssert.EveryTruncationFails(RequestWithEveryContext, CreateRequest.Read);
        MessageAssert.EveryTruncationFails(ResponseWithEveryContext, CreateResponse.Read);
        MessageAssert.EveryTruncationFails(ReplayCreateTraceTests.RequestBytes, CreateRequest.Read);
        MessageAssert.EveryTruncationFails(ReplayCreateTraceTests.ResponseBytes, CreateResponse.Read);
    }

    // In the replayed request the list starts at 0x90: DH2Q (56 bytes), then RqLs v2 at 0xC8.
    private const int FirstContext = 0x90;
    private const int SecondContext = 0xC8;

    [TestCase(0x3Cu, TestName = "Next not 8-byte aligned")]
    [TestCase(0x1000u, TestName = "Next past the end of the list")]
    [TestCase(0x88u, TestName = "Next just past the end of the list")]
    [TestCase(0x18u, TestName = "Next pointing back into the context's own data")]
    [TestCase(0x08u, TestName = "Next pointing back into the context's own header")]
    public void RejectsABadNext(uint next)
    {
        var bytes = MessageAssert.WithU32(ReplayCreateTraceTests.RequestBytes, FirstContext, next);
        MessageAssert.Fails(CreateRequest.Read(bytes), "CreateContexts[0]");
    }

    [Test]
    public void RejectsANameOrDataOutsideTheContext()
    {
        var request = ReplayCreateTraceTests.RequestBytes;
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(request, FirstContext + 4, 0xFFFF)), "CreateContexts[0].NameOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(request, FirstContext + 4, 0x0004)), "CreateContexts[0].NameOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(request, FirstContext + 6, 0x0000)), "CreateContexts[0].NameLength");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(request, FirstContext + 6, 0x0100)), "CreateContexts[0].NameOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU32(request, FirstContext + 12, 0xFFFFFFFF)), "CreateContexts[0].DataOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(request, FirstContext + 10, 0x0008)), "CreateContexts[0].DataOffset");
        MessageAssert.Fails(CreateRequest.Read(MessageAssert.WithU16(request, SecondContext + 10, 0xFFF8)), "CreateContexts[1].DataOffset");
    }

    [Test]
    public void RejectsAListLengthThatCutsAContext()
    {
        var bytes = MessageAssert.WithU32(ReplayCreateTraceTests.RequestBytes, 64 + 52, 0x40);
        MessageAssert.Fails(CreateRequest.Read(bytes), "CreateContexts[1]");
        bytes = MessageAssert.WithU32(ReplayCreateTraceTests.RequestBytes, 64 + 52, 0x0C);
        MessageAssert.Fails(CreateRequest.Read(bytes), "CreateContexts[0]");
    }

    [Test]
    public void RejectsAnUnalignedListOffset()
    {
        var bytes = MessageAssert.WithU32(ReplayCreateTraceTests.RequestBytes, 64 + 48, 0x8C);
        MessageAssert.Fails(CreateRequest.Read(bytes), "CreateContextsOffset");
    }

    [Test]
    public void RejectsAKnownContextOfTheWrongLength()
    {
        // RqLs with DataLength 40: neither a lease (32) nor a lease v2 (52).
        var bytes = MessageAssert.WithU32(ReplayCreateTraceTests.RequestBytes, SecondContext + 12, 40);
        var error = MessageAssert.Fails(CreateRequest.Read(bytes), "CreateContexts[1] (RqLs).DataLength");
        Assert.That(error.Clause, Is.EqualTo("2.2.13.2.8"));
        // DH2Q response with 12 bytes.
        bytes = MessageAssert.WithU32(ReplayCreateTraceTests.ResponseBytes, 0xE8 + 12, 4);
        MessageAssert.Fails(CreateResponse.Read(bytes), "CreateContexts[1] (DH2Q).DataLength");
    }

    [Test]
    public void KeepsAnUnnaturalNextAndDataOffsetForAFaithfulReEncoding()
    {
        // QFid (no data) with DataOffset 24 instead of 0, as some senders write it.
        var offsetOfQFid = 0x80 + 40 + 40 + 64 + 56 + 32;
        var bytes = MessageAssert.WithU16(RequestWithEveryContext, offsetOfQFid + 10, 0x18);
        var request = CreateRequest.Read(bytes).Unwrap();
        Assert.That(request.CreateContexts[5].DataOffset, Is.EqualTo(0x18));
        Assert.That(MessageAssert.Encode(new Smb2Header(), request), Is.EqualTo(bytes));
    }

    [Test]
    public void WritesEveryContextOverrideAsGiven()
    {
        var context = new CreateDurableHandleResponseV2 { Next = 0x11223344, NameOffset = 0x5566, NameLength = 0x7788, Reserved = 0x99AA, DataOffset = 0xBBCC, DataLength = 0xDDEEFF00 };
        var bytes = new byte[context.Size];
        context.WriteTo(bytes, followed: false);
        Assert.That(bytes[..16], Is.EqualTo(Hex.Join("44332211", "6655", "8877", "AA99", "CCBB", "00FFEEDD")));
        Assert.That(bytes[16..20], Is.EqualTo("DH2Q"u8.ToArray()), "the name stays at its natural place");
    }

    [Test]
    public void NeverThrowsOnAnyOneByteCorruption()
    {
        foreach (var message in new[] { RequestWithEveryContext, ReplayCreateTraceTests.RequestBytes })
        {
            ForEveryCorruption(message, bytes => CreateRequest.Read(bytes));
        }
        foreach (var message in new[] { ResponseWithEveryContext, ReplayCreateTraceTests.ResponseBytes })
        {
            ForEveryCorruption(message, bytes => CreateResponse.Read(bytes));
        }
    }

    internal static void ForEveryCorruption<T>(byte[] message, Func<byte[], DecodeResult<T>> read) where T : class
    {
        byte[] values = [0x00, 0x01, 0x07, 0x7F, 0x80, 0xFF];
        for (var offset = 0; offset < message.Length; offset++)
        {
            foreach (var value in values)
            {
                var bytes = MessageAssert.With(message, offset, value);
                Assert.DoesNotThrow(() => read(bytes), $"byte {offset} set to 0x{value:X2}");
            }
        }
    }
}
