using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// The six forms of command OPLOCK_BREAK (2.2.23 to 2.2.25), golden bytes built by hand, every
/// field distinct; <see cref="OplockBreak.Read"/> tells them apart.
/// </summary>
public class OplockBreakTests
{
    private static string Header(bool fromServer, string messageId) =>
        "FE534D42" + "4000" + "0000" + "00000000" + "1200" + "0000" + (fromServer ? "01000000" : "00000000") + "00000000" +
        messageId + "00000000" + "00000000" + "0000000000000000" + "00000000000000000000000000000000";

    private const string Unsolicited = "FFFFFFFFFFFFFFFF";
    private const string MessageId7 = "0700000000000000";
    private static readonly FileId File = new(0x0807060504030201, 0x1817161514131211);
    private static readonly Guid LeaseKey = new("A1A2A3A4-B1B2-C1C2-D1D2-D3D4D5D6D7D8");
    private const string LeaseKeyBytes = "A4A3A2A1B2B1C2C1D1D2D3D4D5D6D7D8";

    private static string OplockBody(string level) =>
        "1800" + level + "00" + "00000000" + "0102030405060708" + "1112131415161718"; // StructureSize 24, OplockLevel, Reserved, Reserved2, FileId

    private static readonly byte[] OplockNotification = Hex.Join(Header(true, Unsolicited), OplockBody("01"));
    private static readonly byte[] OplockAcknowledgment = Hex.Join(Header(false, MessageId7), OplockBody("00"));
    private static readonly byte[] OplockResponse = Hex.Join(Header(true, MessageId7), OplockBody("00"));

    private static readonly byte[] LeaseNotification = Hex.Join(Header(true, Unsolicited),
        "2C00",                                   // StructureSize 44
        "0300",                                   // NewEpoch 3
        "01000000",                               // Flags ACK_REQUIRED
        LeaseKeyBytes,
        "07000000",                               // CurrentLeaseState R|H|W
        "01000000",                               // NewLeaseState R
        "00000000", "00000000", "00000000");      // BreakReason, AccessMaskHint, ShareMaskHint

    private static readonly byte[] LeaseAcknowledgment = Hex.Join(Header(false, MessageId7),
        "2400", "0000", "00000000",               // StructureSize 36, Reserved, Flags
        LeaseKeyBytes,
        "01000000",                               // LeaseState R
        "0000000000000000");                      // LeaseDuration

    private static readonly byte[] LeaseResponse = Hex.Join(Header(true, MessageId7),
        "2400", "0000", "00000000", LeaseKeyBytes, "01000000", "0000000000000000");

    private static Smb2Header HeaderModel(bool fromServer, ulong messageId) =>
        new() { Flags = fromServer ? Smb2HeaderFlags.ServerToRedir : Smb2HeaderFlags.None, MessageId = messageId };

    [Test]
    public void EncodesEveryForm()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MessageAssert.Encode(HeaderModel(true, ulong.MaxValue), new OplockBreakNotification { OplockLevel = OplockLevel.II, FileId = File }), Is.EqualTo(OplockNotification));
            Assert.That(MessageAssert.Encode(HeaderModel(false, 7), new OplockBreakAcknowledgment { OplockLevel = OplockLevel.None, FileId = File }), Is.EqualTo(OplockAcknowledgment));
            Assert.That(MessageAssert.Encode(HeaderModel(true, 7), new OplockBreakResponse { OplockLevel = OplockLevel.None, FileId = File }), Is.EqualTo(OplockResponse));
            Assert.That(MessageAssert.Encode(HeaderModel(true, ulong.MaxValue), new LeaseBreakNotification
            {
                NewEpoch = 3,
                Flags = LeaseBreakNotificationFlags.AckRequired,
                LeaseKey = LeaseKey,
                CurrentLeaseState = LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching,
                NewLeaseState = LeaseState.ReadCaching,
            }), Is.EqualTo(LeaseNotification));
            Assert.That(MessageAssert.Encode(HeaderModel(false, 7), new LeaseBreakAcknowledgment { LeaseKey = LeaseKey, LeaseState = LeaseState.ReadCaching }), Is.EqualTo(LeaseAcknowledgment));
            Assert.That(MessageAssert.Encode(HeaderModel(true, 7), new LeaseBreakResponse { LeaseKey = LeaseKey, LeaseState = LeaseState.ReadCaching }), Is.EqualTo(LeaseResponse));
        });
    }

    [Test]
    public void TellsTheFormsApart()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OplockBreak.Read(OplockNotification).Unwrap().Form, Is.EqualTo(OplockBreakForm.OplockBreakNotification));
            Assert.That(OplockBreak.Read(OplockAcknowledgment).Unwrap().Form, Is.EqualTo(OplockBreakForm.OplockBreakAcknowledgment));
            Assert.That(OplockBreak.Read(OplockResponse).Unwrap().Form, Is.EqualTo(OplockBreakForm.OplockBreakResponse));
            Assert.That(OplockBreak.Read(LeaseNotification).Unwrap().Form, Is.EqualTo(OplockBreakForm.LeaseBreakNotification));
            Assert.That(OplockBreak.Read(LeaseAcknowledgment).Unwrap().Form, Is.EqualTo(OplockBreakForm.LeaseBreakAcknowledgment));
            Assert.That(OplockBreak.Read(LeaseResponse).Unwrap().Form, Is.EqualTo(OplockBreakForm.LeaseBreakResponse));
            Assert.That(OplockBreak.Read(LeaseResponse).Unwrap(), Is.TypeOf<LeaseBreakResponse>());
        });
    }

    [Test]
    public void DecodesEveryFieldOfTheOplockForms()
    {
        var notification = (OplockBreakNotification)OplockBreak.Read(OplockNotification).Unwrap();
        Assert.That(notification.OplockLevel, Is.EqualTo(OplockLevel.II));
        Assert.That(notification.FileId, Is.EqualTo(File));
        var acknowledgment = OplockBreakAcknowledgment.Read(OplockAcknowledgment).Unwrap();
        Assert.That(acknowledgment.OplockLevel, Is.EqualTo(OplockLevel.None));
        Assert.That(acknowledgment.FileId, Is.EqualTo(File));
        Assert.That(OplockBreakResponse.Read(OplockResponse).Unwrap().FileId, Is.EqualTo(File));
    }

    [Test]
    public void DecodesEveryFieldOfTheLeaseForms()
    {
        var notification = LeaseBreakNotification.Read(LeaseNotification).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(notification.NewEpoch, Is.EqualTo(3));
            Assert.That(notification.Flags, Is.EqualTo(LeaseBreakNotificationFlags.AckRequired));
            Assert.That(notification.LeaseKey, Is.EqualTo(LeaseKey));
            Assert.That(notification.CurrentLeaseState, Is.EqualTo(LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching));
            Assert.That(notification.NewLeaseState, Is.EqualTo(LeaseState.ReadCaching));
            Assert.That(new[] { notification.BreakReason, notification.AccessMaskHint, notification.ShareMaskHint }, Has.All.Zero);
        });
        var acknowledgment = LeaseBreakAcknowledgment.Read(LeaseAcknowledgment).Unwrap();
        Assert.That(acknowledgment.LeaseKey, Is.EqualTo(LeaseKey));
        Assert.That(acknowledgment.LeaseState, Is.EqualTo(LeaseState.ReadCaching));
        var response = LeaseBreakResponse.Read(LeaseResponse).Unwrap();
        Assert.That(response.LeaseKey, Is.EqualTo(LeaseKey));
        Assert.That(response.LeaseState, Is.EqualTo(LeaseState.ReadCaching));
    }

    [Test]
    public void EveryTruncationFails()
    {
        foreach (var message in new[] { OplockNotification, OplockAcknowledgment, OplockResponse, LeaseNotification, LeaseAcknowledgment, LeaseResponse })
        {
            MessageAssert.EveryTruncationFails(message, OplockBreak.Read);
        }
        MessageAssert.EveryTruncationFails(LeaseNotification, LeaseBreakNotification.Read);
        MessageAssert.EveryTruncationFails(LeaseAcknowledgment, LeaseBreakAcknowledgment.Read);
        MessageAssert.EveryTruncationFails(OplockAcknowledgment, OplockBreakAcknowledgment.Read);
    }

    [TestCase((ushort)0)]
    [TestCase((ushort)4)]
    [TestCase((ushort)25)]
    [TestCase((ushort)0xFFFF)]
    public void RejectsAnUnknownStructureSize(ushort structureSize)
    {
        MessageAssert.Fails(OplockBreak.Read(MessageAssert.WithU16(OplockNotification, 64, structureSize)), "StructureSize");
    }

    [Test]
    public void ASpecificReaderRejectsAnotherForm()
    {
        MessageAssert.Fails(LeaseBreakNotification.Read(LeaseAcknowledgment), "StructureSize");
        MessageAssert.Fails(OplockBreakNotification.Read(LeaseNotification), "StructureSize");
    }
}
