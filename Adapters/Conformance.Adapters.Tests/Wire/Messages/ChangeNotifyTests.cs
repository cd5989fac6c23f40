using Conformance.Adapters.Tests.Wire.InfoClasses;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>CHANGE_NOTIFY (2.2.35, 2.2.36) with FILE_NOTIFY_INFORMATION (MS-FSCC 2.7.1): no capture holds one, golden bytes by hand.</summary>
public class ChangeNotifyTests
{
    private static byte[] RequestBody => new SpecLayout()
        .U16(32).U16(0x0001).U32(0x800)      // StructureSize, SMB2_WATCH_TREE, OutputBufferLength
        .U64(0x0102).U64(0x0304)             // FileId
        .U32(0x13).U32(0)                    // FILE_NAME | DIR_NAME | LAST_WRITE, Reserved
        .ToArray();

    // Two entries: 12 + 10 bytes padded to 24, then 12 + 12 = 24; then one of 12 + 2 padded to 16 (every name is padded to 4).
    private static byte[] Notifications => new SpecLayout()
        .U32(24).U32(4).U32(10).Utf16("a.txt").PadTo(4)
        .U32(24).U32(5).U32(12).Utf16("bb.txt")
        .U32(0).U32(1).U32(2).Utf16("c").PadTo(4)
        .ToArray();

    private static byte[] ResponseBody => new SpecLayout().U16(9).U16(72).U32((uint)Notifications.Length).Bytes(Notifications).ToArray();

    private static byte[] RequestMessage => DecodeAssert.Message(Smb2Command.ChangeNotify, false, RequestBody);
    private static byte[] ResponseMessage => DecodeAssert.Message(Smb2Command.ChangeNotify, true, ResponseBody);

    private static byte[] Body(IMessageBody body)
    {
        var bytes = new byte[body.Size];
        body.WriteTo(bytes);
        return bytes;
    }

    private static List<FileNotifyInformation> Typed() =>
    [
        new() { Action = FileNotifyAction.RenamedOldName, FileName = "a.txt" },
        new() { Action = FileNotifyAction.RenamedNewName, FileName = "bb.txt" },
        new() { Action = FileNotifyAction.Added, FileName = "c" },
    ];

    [Test]
    public void EncodesTheRequest()
    {
        var request = new ChangeNotifyRequest
        {
            Flags = ChangeNotifyFlags.WatchTree,
            OutputBufferLength = 0x800,
            FileId = new FileId(0x0102, 0x0304),
            CompletionFilter = CompletionFilter.FileName | CompletionFilter.DirName | CompletionFilter.LastWrite,
        };
        Assert.That(Body(request), Is.EqualTo(RequestBody));
    }

    [Test]
    public void DecodesTheRequest()
    {
        var request = ChangeNotifyRequest.Read(RequestMessage).Unwrap();
        Assert.That((request.Flags, request.OutputBufferLength, request.FileId, request.CompletionFilter),
            Is.EqualTo((ChangeNotifyFlags.WatchTree, 0x800u, new FileId(0x0102, 0x0304), CompletionFilter.FileName | CompletionFilter.DirName | CompletionFilter.LastWrite)));
    }

    [Test]
    public void EncodesTheResponse()
    {
        Assert.That(Body(ChangeNotifyResponse.WithNotifications(Typed())), Is.EqualTo(ResponseBody));
    }

    [Test]
    public void DecodesTheResponse()
    {
        var response = ChangeNotifyResponse.Read(ResponseMessage).Unwrap();
        var notifications = response.ReadNotifications().Unwrap();
        Assert.That(notifications.Select(n => (n.Action, n.FileName)), Is.EqualTo(Typed().Select(n => (n.Action, n.FileName))));
        Assert.That(notifications.All(n => n.Padding is null), Is.True, "the padding is the natural one");
        Assert.That(Body(response), Is.EqualTo(ResponseBody));
    }

    [Test]
    public void RejectsEveryTruncation()
    {
        DecodeAssert.EveryTruncationFails<ChangeNotifyRequest>(RequestMessage);
        DecodeAssert.EveryTruncationFails<ChangeNotifyResponse>(ResponseMessage);
        // The last name ends at byte 62; only its 2 bytes of padding may be cut, and the cut is kept.
        for (var length = 1; length < 62; length++)
        {
            Assert.That(ChainedEntries.Read<FileNotifyInformation>(Notifications.AsMemory(0, length)).IsSuccess, Is.False, $"notifications truncated to {length}");
        }
        var unpadded = ChainedEntries.Read<FileNotifyInformation>(Notifications.AsMemory(0, 62)).Unwrap();
        Assert.That(ChainedEntries.Encode(unpadded), Is.EqualTo(Notifications[..62]));
    }

    [TestCase(0, 26u)]          // not a multiple of 4
    [TestCase(0, 20u)]          // backwards, into its own name
    [TestCase(24, 0x100u)]      // outside
    [TestCase(24, 0xFFFFFFE8u)] // wraps back to the first entry
    public void RejectsABadNextEntryOffset(int entryStart, uint next)
    {
        var bytes = Notifications;
        BitConverter.TryWriteBytes(bytes.AsSpan(entryStart), next);
        var error = ChainedEntries.Read<FileNotifyInformation>(bytes).Error;
        Assert.That(error?.Clause, Is.EqualTo("MS-FSCC 2.7.1"));
    }

    [TestCase(2, 0xFFFFu, false)]
    [TestCase(2, 40u, false)]
    [TestCase(4, 65u, true)]
    [TestCase(4, 0xFFFFFFFFu, true)]
    public void RejectsAResponseBufferOutsideTheMessage(int bodyOffset, uint value, bool is32)
    {
        var message = is32 ? DecodeAssert.WithU32(ResponseMessage, 64 + bodyOffset, value) : DecodeAssert.WithU16(ResponseMessage, 64 + bodyOffset, (ushort)value);
        DecodeAssert.Fails<ChangeNotifyResponse>(message, "OutputBufferOffset");
    }
}
