using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// SMB2 SERVER_TO_CLIENT_NOTIFICATION (current MS-SMB2 2.2.44) with its SMB2_NOTIFY_SESSION_CLOSED
/// body: golden bytes built by hand from the layout of 2.2.44.1/2.2.44.2 and the header of the
/// example in 4.11 (Command 0x0013, Credits 0, SERVER_TO_REDIR, MessageId 0xFFFFFFFFFFFFFFFF,
/// TreeId 0, SessionId 0x40000000000, not signed).
/// </summary>
public class ServerToClientNotificationTests
{
    private const string Header =
        "FE534D42" + "4000" + "0000" + "00000000" + "1300" + "0000" + "01000000" + "00000000" +
        "FFFFFFFFFFFFFFFF" + "00000000" + "00000000" + "0000000000040000" + "00000000000000000000000000000000";

    private static readonly byte[] SessionClosed = Hex.Join(Header,
        "0C00",        // StructureSize 12: the 8-byte fixed part and the 4-byte SESSION_CLOSED structure
        "0000",        // Reserved
        "00000000",    // NotificationType SmbNotifySessionClosed
        "00000000");   // SMB2_NOTIFY_SESSION_CLOSED.Reserved

    private static Smb2Header HeaderModel() => new()
    {
        Command = Smb2Command.ServerToClientNotification,
        Flags = Smb2HeaderFlags.ServerToRedir,
        MessageId = ulong.MaxValue,
        SessionId = 0x0000_0400_0000_0000,
    };

    [Test]
    public void EncodesTheSessionClosedNotificationWithItsComputedStructureSize()
    {
        Assert.That(MessageAssert.Encode(HeaderModel(), ServerToClientNotification.SessionClosed()), Is.EqualTo(SessionClosed));
    }

    [Test]
    public void DecodesEveryField()
    {
        var notification = ServerToClientNotification.Read(SessionClosed).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(notification.StructureSize, Is.EqualTo(12));
            Assert.That(notification.Reserved, Is.Zero);
            Assert.That(notification.NotificationType, Is.EqualTo(NotificationType.SmbNotifySessionClosed));
            Assert.That(notification.Notification.ToArray(), Is.EqualTo(new byte[4]));
            Assert.That(notification.Size, Is.EqualTo(12));
            Assert.That(notification.ReadSessionClosed().Unwrap().Reserved, Is.Zero);
        });
    }

    [Test]
    public void TheCatalogReadsCommand0x0013AsTheNotificationAndTheHeaderKeepsItsFields()
    {
        var slice = Smb2Compound.Split(SessionClosed).Unwrap()[0];
        var message = Smb2MessageCatalog.Read(slice).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(message.Body, Is.TypeOf<ServerToClientNotification>());
            Assert.That(message.Header.Command, Is.EqualTo(Smb2Command.ServerToClientNotification));
            Assert.That(message.Header.MessageId, Is.EqualTo(ulong.MaxValue));
            Assert.That(message.Header.SessionId, Is.EqualTo(0x0000_0400_0000_0000UL));
            Assert.That(message.Encode(), Is.EqualTo(SessionClosed));
        });
    }

    [Test]
    public void AStructureSizeOtherThanTheComputedOneIsKeptAndWrittenBack()
    {
        // The example of 4.11 prints StructureSize 0x12; the layout gives 12. Neither is refused.
        var example = MessageAssert.WithU16(SessionClosed, Smb2Header.Size, 0x12);
        var notification = ServerToClientNotification.Read(example).Unwrap();
        Assert.That(notification.StructureSize, Is.EqualTo(0x12));
        Assert.That(MessageAssert.Encode(HeaderModel(), notification), Is.EqualTo(example));
        Assert.That(MessageAssert.Encode(HeaderModel(), new ServerToClientNotification { StructureSize = 8 })[Smb2Header.Size], Is.EqualTo(8));
    }

    [Test]
    public void AnUnknownNotificationTypeKeepsTheRestOfTheMessageAsItsNotification()
    {
        var message = Hex.Join(Header, "1000", "0000", "07000000", "0102030405060708");
        var notification = ServerToClientNotification.Read(message).Unwrap();
        Assert.That((uint)notification.NotificationType, Is.EqualTo(7));
        Assert.That(notification.Notification.ToArray(), Is.EqualTo(Hex.Join("0102030405060708")));
        MessageAssert.Fails(notification.ReadSessionClosed(), "NotificationType");
    }

    [Test]
    public void EveryTruncationGivesADecodeError()
    {
        MessageAssert.EveryTruncationFails(SessionClosed, ServerToClientNotification.Read);
        MessageAssert.Fails(ServerToClientNotification.Read(SessionClosed.AsMemory(0, Smb2Header.Size + 10)), "Notification");
        MessageAssert.Fails(ServerToClientNotification.Read(SessionClosed.AsMemory(0, Smb2Header.Size + 6)), "(fixed part)");
    }
}
