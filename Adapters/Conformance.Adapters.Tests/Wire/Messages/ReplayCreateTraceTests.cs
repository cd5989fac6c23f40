using System.Text.RegularExpressions;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// The replayed CREATE of the MS-SMB2 example "Replay Create Request on an alternate channel"
/// (TestData/spec-notes/replay-create-on-alternate-channel-trace.txt), and its response: bytes
/// built by hand from the layouts of 2.2.1, 2.2.13, 2.2.13.2.10, 2.2.13.2.11, 2.2.14, 2.2.14.2.11
/// and 2.2.14.2.12. The trace prints no signature bytes: they are zero here. Its request header
/// shows "Flags: 0x0" beside a set SMB2_FLAGS_REPLAY_OPERATION bit; the bit (0x20000000) is what
/// the example is about, so it is set.
/// </summary>
public class ReplayCreateTraceTests
{
    private static readonly Guid CreateGuid = new("33AA3970-EF1A-60A4-4BF1-11F5F9FBBFDB");
    private static readonly Guid LeaseKey = new("5A0E33E0-478A-9FA7-4286-B52390B5857B");
    private static readonly Guid ParentLeaseKey = new("5B4F4EAD-B0E6-B997-4222-50FADEC1FD86");

    // 05/11/2012, 09:23:05.943750 UTC as a FILETIME.
    private const ulong TraceTime = 0x01CD2F57AC16A3BC;

    internal static readonly byte[] RequestBytes = Hex.Join(
        // SMB2 header (2.2.1.2)
        "FE534D42",                         // ProtocolId
        "4000",                             // StructureSize 64
        "0000",                             // CreditCharge 0
        "0000", "0000",                     // ChannelSequence 0, Reserved
        "0500",                             // Command CREATE
        "0A00",                             // CreditRequest 10
        "00000020",                         // Flags SMB2_FLAGS_REPLAY_OPERATION
        "00000000",                         // NextCommand 0
        "0600000000000000",                 // MessageId 6
        "0D000000",                         // Reserved (process id) 13
        "01000000",                         // TreeId 1
        "5900000401040400",                 // SessionId 0x0004040104000059
        "00000000000000000000000000000000", // Signature

        // CREATE Request (2.2.13), at 0x40
        "3900",                             // StructureSize 57
        "00",                               // SecurityFlags
        "FF",                               // RequestedOplockLevel LEASE
        "02000000",                         // ImpersonationLevel Impersonation
        "0000000000000000",                 // SmbCreateFlags
        "0000000000000000",                 // Reserved
        "9F011200",                         // DesiredAccess 0x0012019F
        "20000000",                         // FileAttributes ARCHIVE
        "07000000",                         // ShareAccess read, write, delete
        "03000000",                         // CreateDisposition FILE_OPEN_IF
        "40000000",                         // CreateOptions FILE_NON_DIRECTORY_FILE
        "7800",                             // NameOffset 0x78
        "1400",                             // NameLength 20
        "90000000",                         // CreateContextsOffset 0x90
        "84000000",                         // CreateContextsLength 132
        "5200650070006C00610079002E00740078007400", // "Replay.txt", at 0x78
        "00000000",                         // padding to 0x90

        // DH2Q (2.2.13.2, 2.2.13.2.11), at 0x90
        "38000000",                         // Next 56
        "1000", "0400",                     // NameOffset 16, NameLength 4
        "0000", "1800",                     // Reserved, DataOffset 24
        "20000000",                         // DataLength 32
        "44483251", "00000000",             // "DH2Q", padding
        "00000000",                         // Timeout 0
        "00000000",                         // Flags 0
        "0000000000000000",                 // Reserved
        "7039AA331AEFA4604BF111F5F9FBBFDB", // CreateGuid {33AA3970-EF1A-60A4-4BF1-11F5F9FBBFDB}

        // RqLs v2 (2.2.13.2, 2.2.13.2.10), at 0xC8
        "00000000",                         // Next 0: last
        "1000", "0400",                     // NameOffset 16, NameLength 4
        "0000", "1800",                     // Reserved, DataOffset 24
        "34000000",                         // DataLength 52
        "52714C73", "00000000",             // "RqLs", padding
        "E0330E5A8A47A79F4286B52390B5857B", // LeaseKey {5A0E33E0-478A-9FA7-4286-B52390B5857B}
        "07000000",                         // LeaseState R|H|W
        "04000000",                         // Flags PARENT_LEASE_KEY_SET
        "0000000000000000",                 // LeaseDuration
        "AD4E4F5BE6B097B9422250FADEC1FD86", // ParentLeaseKey {5B4F4EAD-B0E6-B997-4222-50FADEC1FD86}
        "0000",                             // Epoch 0
        "0000");                            // Reserved

    internal static readonly byte[] ResponseBytes = Hex.Join(
        // SMB2 header (2.2.1.2)
        "FE534D42", "4000", "0000",
        "00000000",                         // Status STATUS_SUCCESS
        "0500",                             // Command CREATE
        "0A00",                             // CreditResponse 10
        "01000020",                         // Flags SERVER_TO_REDIR | REPLAY_OPERATION
        "00000000",                         // NextCommand
        "0300000000000000",                 // MessageId 3, as the trace shows it
        "0D000000", "01000000",             // Reserved 13, TreeId 1
        "5900000401040400",                 // SessionId
        "00000000000000000000000000000000", // Signature

        // CREATE Response (2.2.14), at 0x40
        "5900",                             // StructureSize 89
        "FF",                               // OplockLevel LEASE
        "00",                               // Flags
        "01000000",                         // CreateAction FILE_OPENED
        "BCA316AC572FCD01",                 // CreationTime
        "BCA316AC572FCD01",                 // LastAccessTime
        "BCA316AC572FCD01",                 // LastWriteTime
        "BCA316AC572FCD01",                 // ChangeTime
        "0000000000000000",                 // AllocationSize
        "0000000000000000",                 // EndofFile
        "20000000",                         // FileAttributes ARCHIVE
        "00000000",                         // Reserved2
        "1D00000001000001",                 // FileId.Persistent 0x010000010000001D
        "0100000001010000",                 // FileId.Volatile 0x0000010100000001
        "98000000",                         // CreateContextsOffset 0x98
        "70000000",                         // CreateContextsLength 112

        // RqLs v2 response (2.2.14.2.11), at 0x98
        "50000000",                         // Next 80
        "1000", "0400", "0000", "1800",     // NameOffset 16, NameLength 4, Reserved, DataOffset 24
        "34000000",                         // DataLength 52
        "52714C73", "00000000",             // "RqLs", padding
        "E0330E5A8A47A79F4286B52390B5857B", // LeaseKey
        "07000000",                         // LeaseState R|H|W
        "04000000",                         // Flags PARENT_LEASE_KEY_SET
        "0000000000000000",                 // LeaseDuration
        "AD4E4F5BE6B097B9422250FADEC1FD86", // ParentLeaseKey
        "0100",                             // Epoch 1
        "0000",                             // Reserved
        "00000000",                         // padding to the next context

        // DH2Q response (2.2.14.2.12), at 0xE8
        "00000000",                         // Next 0: last
        "1000", "0400", "0000", "1800",
        "08000000",                         // DataLength 8
        "44483251", "00000000",             // "DH2Q", padding
        "60EA0000",                         // Timeout 60000
        "00000000");                        // Flags 0

    private static Smb2Header RequestHeader => new()
    {
        Command = Smb2Command.Create,
        CreditRequestResponse = 10,
        Flags = Smb2HeaderFlags.ReplayOperation,
        MessageId = 6,
        Reserved = 13,
        TreeId = 1,
        SessionId = 0x0004040104000059,
    };

    private static CreateRequest Request => new()
    {
        RequestedOplockLevel = OplockLevel.Lease,
        ImpersonationLevel = ImpersonationLevel.Impersonation,
        DesiredAccess = (AccessMask)0x0012019F,
        FileAttributes = FileAttributes.Archive,
        ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
        CreateDisposition = CreateDisposition.FileOpenIf,
        CreateOptions = CreateOptions.FileNonDirectoryFile,
        Name = "Replay.txt",
        CreateContexts =
        {
            new CreateDurableHandleRequestV2 { Timeout = 0, Flags = DurableHandleFlags.None, CreateGuid = CreateGuid },
            new CreateRequestLeaseV2
            {
                LeaseKey = LeaseKey,
                LeaseState = LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching,
                Flags = LeaseFlags.ParentLeaseKeySet,
                ParentLeaseKey = ParentLeaseKey,
                Epoch = 0,
            },
        },
    };

    private static CreateResponse Response => new()
    {
        OplockLevel = OplockLevel.Lease,
        CreateAction = CreateAction.FileOpened,
        CreationTime = TraceTime,
        LastAccessTime = TraceTime,
        LastWriteTime = TraceTime,
        ChangeTime = TraceTime,
        FileAttributes = FileAttributes.Archive,
        FileId = new FileId(0x010000010000001D, 0x0000010100000001),
        CreateContexts =
        {
            new CreateResponseLeaseV2
            {
                LeaseKey = LeaseKey,
                LeaseState = LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching,
                Flags = LeaseFlags.ParentLeaseKeySet,
                ParentLeaseKey = ParentLeaseKey,
                Epoch = 1,
            },
            new CreateDurableHandleResponseV2 { Timeout = 60000, Flags = DurableHandleFlags.None },
        },
    };

    [Test]
    public void TheTraceTimeIsTheFiletimeOfTheTracedDate()
    {
        var traced = new DateTime(2012, 5, 11, 9, 23, 5, DateTimeKind.Utc).AddTicks(9437500);
        Assert.That((ulong)traced.ToFileTimeUtc(), Is.EqualTo(TraceTime));
    }

    [Test]
    public void EncodesTheReplayedRequest()
    {
        Assert.That(MessageAssert.Encode(RequestHeader, Request), Is.EqualTo(RequestBytes));
    }

    [Test]
    public void DecodesEveryFieldOfTheReplayedRequest()
    {
        var header = Smb2Header.Read(RequestBytes).Unwrap();
        var request = CreateRequest.Read(RequestBytes).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(header.Flags, Is.EqualTo(Smb2HeaderFlags.ReplayOperation));
            Assert.That(header.MessageId, Is.EqualTo(6));
            Assert.That(header.SessionId, Is.EqualTo(0x0004040104000059));
            Assert.That(request.RequestedOplockLevel, Is.EqualTo(OplockLevel.Lease));
            Assert.That(request.ImpersonationLevel, Is.EqualTo(ImpersonationLevel.Impersonation));
            Assert.That(request.DesiredAccess, Is.EqualTo((AccessMask)0x0012019F));
            Assert.That(request.FileAttributes, Is.EqualTo(FileAttributes.Archive));
            Assert.That(request.ShareAccess, Is.EqualTo((ShareAccess)7));
            Assert.That(request.CreateDisposition, Is.EqualTo(CreateDisposition.FileOpenIf));
            Assert.That(request.CreateOptions, Is.EqualTo(CreateOptions.FileNonDirectoryFile));
            Assert.That(request.Name, Is.EqualTo("Replay.txt"));
            Assert.That(request.NameOffset, Is.Null, "0x78 is computed");
            Assert.That(request.CreateContextsOffset, Is.Null, "0x90 is computed");
            Assert.That(request.CreateContextsLength, Is.Null, "132 is computed");
            Assert.That(request.CreateContexts, Has.Count.EqualTo(2));
        });
        var durable = (CreateDurableHandleRequestV2)request.CreateContexts[0];
        var lease = (CreateRequestLeaseV2)request.CreateContexts[1];
        Assert.Multiple(() =>
        {
            Assert.That(durable.Timeout, Is.Zero);
            Assert.That(durable.Flags, Is.EqualTo(DurableHandleFlags.None));
            Assert.That(durable.CreateGuid, Is.EqualTo(CreateGuid));
            Assert.That(durable.Next, Is.Null, "56 is computed");
            Assert.That(lease.LeaseKey, Is.EqualTo(LeaseKey));
            Assert.That(lease.LeaseState, Is.EqualTo(LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching));
            Assert.That(lease.Flags, Is.EqualTo(LeaseFlags.ParentLeaseKeySet));
            Assert.That(lease.LeaseDuration, Is.Zero);
            Assert.That(lease.ParentLeaseKey, Is.EqualTo(ParentLeaseKey));
            Assert.That(lease.Epoch, Is.Zero);
        });
        Assert.That(MessageAssert.Encode(header, request), Is.EqualTo(RequestBytes));
    }

    [Test]
    public void EncodesTheResponse()
    {
        var header = new Smb2Header
        {
            CreditRequestResponse = 10,
            Flags = Smb2HeaderFlags.ServerToRedir | Smb2HeaderFlags.ReplayOperation,
            MessageId = 3,
            Reserved = 13,
            TreeId = 1,
            SessionId = 0x0004040104000059,
        };
        Assert.That(MessageAssert.Encode(header, Response), Is.EqualTo(ResponseBytes));
    }

    [Test]
    public void DecodesEveryFieldOfTheResponse()
    {
        var response = CreateResponse.Read(ResponseBytes).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(response.OplockLevel, Is.EqualTo(OplockLevel.Lease));
            Assert.That(response.CreateAction, Is.EqualTo(CreateAction.FileOpened));
            Assert.That(response.CreationTime, Is.EqualTo(TraceTime));
            Assert.That(response.LastAccessTime, Is.EqualTo(TraceTime));
            Assert.That(response.LastWriteTime, Is.EqualTo(TraceTime));
            Assert.That(response.ChangeTime, Is.EqualTo(TraceTime));
            Assert.That(response.FileAttributes, Is.EqualTo(FileAttributes.Archive));
            Assert.That(response.FileId, Is.EqualTo(new FileId(0x010000010000001D, 0x0000010100000001)));
            Assert.That(response.CreateContextsOffset, Is.Null, "0x98 is computed");
            Assert.That(response.CreateContextsLength, Is.Null, "112 is computed");
            Assert.That(response.CreateContexts, Has.Count.EqualTo(2));
        });
        var lease = (CreateResponseLeaseV2)response.CreateContexts[0];
        var durable = (CreateDurableHandleResponseV2)response.CreateContexts[1];
        Assert.Multiple(() =>
        {
            Assert.That(lease.LeaseKey, Is.EqualTo(LeaseKey));
            Assert.That(lease.LeaseState, Is.EqualTo(LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching));
            Assert.That(lease.Flags, Is.EqualTo(LeaseFlags.ParentLeaseKeySet));
            Assert.That(lease.ParentLeaseKey, Is.EqualTo(ParentLeaseKey));
            Assert.That(lease.Epoch, Is.EqualTo(1));
            Assert.That(durable.Timeout, Is.EqualTo(60000));
            Assert.That(durable.Flags, Is.EqualTo(DurableHandleFlags.None));
        });
    }

    // The hand-built bytes agree with the numbers the trace prints for the replayed request and the response.
    [TestCase("SMB2: C CREATE (0x5), Da(RW), Sh(RWD), DH2Q+RqLs(RWH-PK), File=Replay.txt@#23", "NameOffset", 0x78)]
    [TestCase("SMB2: C CREATE (0x5), Da(RW), Sh(RWD), DH2Q+RqLs(RWH-PK), File=Replay.txt@#23", "NameLength", 20)]
    [TestCase("SMB2: C CREATE (0x5), Da(RW), Sh(RWD), DH2Q+RqLs(RWH-PK), File=Replay.txt@#23", "CreateContextsOffset", 0x90)]
    [TestCase("SMB2: C CREATE (0x5), Da(RW), Sh(RWD), DH2Q+RqLs(RWH-PK), File=Replay.txt@#23", "CreateContextsLength", 132)]
    [TestCase("SMB2: C CREATE (0x5), Da(RW), Sh(RWD), DH2Q+RqLs(RWH-PK), File=Replay.txt@#23", "LeaseFlags", 4)]
    [TestCase("SMB2: R CREATE (0x5)", "CreateContextsOffset", 0x98)]
    [TestCase("SMB2: R CREATE (0x5)", "CreateContextsLength", 112)]
    [TestCase("SMB2: R CREATE (0x5)", "Timeout", 60000)]
    [TestCase("SMB2: R CREATE (0x5)", "Epoch", 1)]
    [TestCase("SMB2: R CREATE (0x5)", "MessageId", 3)]
    public void TheGoldenBytesCarryTheTracedValues(string line, string field, long value)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "spec-notes", "replay-create-on-alternate-channel-trace.txt");
        var trace = File.ReadLines(path).Single(text => text.StartsWith(line, StringComparison.Ordinal));
        var match = Regex.Match(trace, $@"\b{field}: (\d+) \(0x");
        Assert.That(match.Success, Is.True, $"{field} in the trace");
        Assert.That(long.Parse(match.Groups[1].Value), Is.EqualTo(value));
        var bytes = line.StartsWith("SMB2: C", StringComparison.Ordinal) ? RequestBytes : ResponseBytes;
        var offset = (line.StartsWith("SMB2: C", StringComparison.Ordinal), field) switch
        {
            (true, "NameOffset") => 64 + 44,
            (true, "NameLength") => 64 + 46,
            (true, "CreateContextsOffset") => 64 + 48,
            (true, "CreateContextsLength") => 64 + 52,
            (true, "LeaseFlags") => 0xC8 + 24 + 20,
            (false, "CreateContextsOffset") => 64 + 80,
            (false, "CreateContextsLength") => 64 + 84,
            (false, "Timeout") => 0xE8 + 24,
            (false, "Epoch") => 0x98 + 24 + 48,
            (false, "MessageId") => 24,
            _ => throw new ArgumentException(field),
        };
        Assert.That(BitConverter.ToUInt16(bytes, offset), Is.EqualTo(value));
    }
}
