using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Tests.ObjectStore;

/// <summary>
/// The object store's granular oplocks (the caching of leases, MS-FSA 2.1.5.17.2 and 2.1.4.12) on
/// their own, without SMB2 above them: what a request is granted, what each operation breaks and
/// whether it must wait, and what an acknowledgment or a close leaves.
/// </summary>
[TestFixture]
public sealed class FileOplockTests
{
    private const CachingLevel Rwh = CachingLevel.Read | CachingLevel.Write | CachingLevel.Handle;
    private const CachingLevel Rh = CachingLevel.Read | CachingLevel.Handle;
    private static readonly OplockKey KeyA = new(Guid.NewGuid(), Guid.NewGuid());
    private static readonly OplockKey KeyB = new(Guid.NewGuid(), Guid.NewGuid());

    private RecordingSink sink = null!;
    private LocalFile file = null!;

    [SetUp]
    public void SetUp()
    {
        sink = new RecordingSink();
        var table = new LocalFileTable(null) { BreakSink = sink };
        lock (table.Gate)
        {
            file = table.GetOrAdd("file.txt", isDirectory: false);
        }
    }

    [Test]
    public void The_only_open_gets_all_it_asks_and_another_key_after_the_break_gets_no_write_caching()
    {
        var a = Open(KeyA);
        Assert.That(file.RequestOplock(a, Granular(Rwh)), Is.EqualTo(Granular(Rwh)));
        var b = Open(KeyB);
        Assert.That(file.RequestOplock(b, Granular(Rwh)).IsNone, Is.True, "nothing beside another key's exclusive (write-caching) oplock");
        file.CheckForOplockBreak(b, null, BreakRequest.Open(AccessMask.GenericRead, CreateDisposition.FileOpen));
        file.AcknowledgeOplockBreak(a, Granular(Rh));
        Assert.That(file.RequestOplock(b, Granular(Rwh)), Is.EqualTo(Granular(Rh)), "another key's open is in the way of write caching");
    }

    [Test]
    public void An_open_of_another_key_breaks_write_caching_and_waits_for_the_acknowledgment()
    {
        var a = Open(KeyA);
        file.RequestOplock(a, Granular(Rwh));
        var wait = file.CheckForOplockBreak(null, KeyB, BreakRequest.Open(AccessMask.GenericRead, CreateDisposition.FileOpen));
        Assert.That(sink.Breaks.Single(), Is.EqualTo(new OplockBreakIndication(a, Granular(Rh), AcknowledgeRequired: true)));
        Assert.That(wait.IsCompleted, Is.False);
        Assert.That(file.AcknowledgeOplockBreak(a, Granular(Rh)), Is.EqualTo(Granular(Rh)));
        Assert.That(wait.IsCompleted, Is.True);
    }

    [Test]
    public void The_same_key_breaks_nothing()
    {
        var a = Open(KeyA);
        file.RequestOplock(a, Granular(Rwh));
        var wait = file.CheckForOplockBreak(null, KeyA, BreakRequest.Write);
        Assert.That((sink.Breaks, wait.IsCompleted), Is.EqualTo((new List<OplockBreakIndication>(), true)));
    }

    [Test]
    public void A_read_only_oplock_breaks_to_none_without_an_acknowledgment_or_a_wait()
    {
        var a = Open(KeyA);
        file.RequestOplock(a, Granular(CachingLevel.Read));
        var wait = file.CheckForOplockBreak(null, KeyB, BreakRequest.Write);
        Assert.That(sink.Breaks.Single(), Is.EqualTo(new OplockBreakIndication(a, Granular(CachingLevel.None), AcknowledgeRequired: false)));
        Assert.That(wait.IsCompleted, Is.True);
        Assert.That(file.OplockLevelOf(a).IsNone, Is.True);
    }

    [Test]
    public void A_write_breaks_read_handle_to_none_without_waiting()
    {
        var a = Open(KeyA);
        file.RequestOplock(a, Granular(Rh));
        var wait = file.CheckForOplockBreak(null, KeyB, BreakRequest.Write);
        Assert.That(sink.Breaks.Single(), Is.EqualTo(new OplockBreakIndication(a, Granular(CachingLevel.None), AcknowledgeRequired: true)));
        Assert.That(wait.IsCompleted, Is.True, "MS-FSA: a break that does not take handle caching it holds does not hold the write up");
    }

    [Test]
    public void A_handle_break_of_read_handle_waits()
    {
        var a = Open(KeyA);
        file.RequestOplock(a, Granular(Rh));
        var wait = file.CheckForOplockBreak(null, KeyB, BreakRequest.OpenBreakHandle);
        Assert.That(sink.Breaks.Single(), Is.EqualTo(new OplockBreakIndication(a, Granular(CachingLevel.Read), AcknowledgeRequired: true)));
        Assert.That(wait.IsCompleted, Is.False);
    }

    [Test]
    public void A_second_conflict_while_breaking_is_remembered_and_broken_after_the_acknowledgment()
    {
        var a = Open(KeyA);
        file.RequestOplock(a, Granular(Rwh));
        file.CheckForOplockBreak(null, KeyB, BreakRequest.Open(AccessMask.GenericRead, CreateDisposition.FileOpen));
        file.CheckForOplockBreak(null, KeyB, BreakRequest.Open(AccessMask.GenericWrite, CreateDisposition.FileOverwriteIf));
        Assert.That(sink.Breaks, Has.Count.EqualTo(1), "no second indication while the first is unacknowledged");
        var result = file.AcknowledgeBreak(a, Granular(Rh))!;
        Assert.That(result.Level, Is.EqualTo(Granular(Rh)));
        Assert.That(result.FurtherBreaks.Single(), Is.EqualTo(new OplockBreakIndication(a, Granular(CachingLevel.None), AcknowledgeRequired: true)));
    }

    [Test]
    public void Closing_the_holding_open_moves_the_oplock_to_another_open_of_its_key()
    {
        var a1 = Open(KeyA);
        file.RequestOplock(a1, Granular(Rwh));
        var a2 = Open(KeyA);
        Assert.That(file.OplockLevelOf(a2), Is.EqualTo(Granular(Rwh)), "the key's opens share one oplock");
        lock (file.Gate)
        {
            file.RemoveOpen(a1, deleteOnClose: false);
        }
        Assert.That(file.OplockLevelOf(a2), Is.EqualTo(Granular(Rwh)));
    }

    [Test]
    public void A_directory_takes_R_and_RH_only()
    {
        var table = new LocalFileTable(null);
        LocalFile directory;
        lock (table.Gate)
        {
            directory = table.GetOrAdd("dir", isDirectory: true);
        }
        LocalOpen open;
        lock (directory.Gate)
        {
            open = directory.AddOpen(AccessMask.GenericRead, ShareAccess.FileShareRead, KeyA);
        }
        Assert.That(directory.RequestOplock(open, Granular(Rwh)).IsNone, Is.True, "RWH is no directory level (the SMB2 layer clears W first, 3.3.5.9.11)");
        Assert.That(directory.RequestOplock(open, Granular(Rh)), Is.EqualTo(Granular(Rh)));
    }

    private LocalOpen Open(OplockKey key)
    {
        lock (file.Gate)
        {
            return file.AddOpen(AccessMask.GenericRead | AccessMask.GenericWrite, ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete, key);
        }
    }

    private static OplockLevelGrant Granular(CachingLevel caching) => new(OplockType.Granular, caching);

    private sealed class RecordingSink : IOplockBreakSink
    {
        public List<OplockBreakIndication> Breaks { get; } = [];

        public void IndicateBreak(OplockBreakIndication indication) => Breaks.Add(indication);
    }
}
