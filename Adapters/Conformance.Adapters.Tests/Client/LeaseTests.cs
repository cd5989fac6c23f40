using Conformance.Adapters.Client;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ClientFixtures;

namespace Conformance.Adapters.Tests.Client;

/// <summary>The client's lease rules: Δepoch and the upgrade cells of 3.2.5.7.5, the break rule of 3.2.5.19.2.</summary>
public class LeaseTests
{
    private const LeaseState None = LeaseState.None;

    [TestCase((ushort)5, (ushort)5, 0)]
    [TestCase((ushort)5, (ushort)6, 1)]
    [TestCase((ushort)6, (ushort)5, -1)]
    [TestCase((ushort)0xFFFF, (ushort)0, 1, TestName = "wraps: 0 follows 65535")]
    [TestCase((ushort)0, (ushort)0x7FFF, 32767, TestName = "32767 ahead is still newer")]
    [TestCase((ushort)0, (ushort)0x8000, -32768, TestName = "32768 ahead is older")]
    public void EpochDeltaIsThe16BitSignedDifference(ushort held, ushort received, int delta) =>
        Assert.That((int)Lease.EpochDelta(held, received), Is.EqualTo(delta));

    // 3.2.5.7.5: rows the state held, columns the state returned; only the "Upgrade" cells change anything.
    [TestCase(None, (ushort)0, R, (ushort)1, R, (ushort)1, TestName = "None to R, newer: upgrade")]
    [TestCase(None, (ushort)0, RWH, (ushort)0, None, (ushort)0, TestName = "None to RWH, same epoch: invalid, kept")]
    [TestCase(R, (ushort)1, RH, (ushort)2, RH, (ushort)2, TestName = "R to RH, one newer: upgrade")]
    [TestCase(R, (ushort)1, RWH, (ushort)4, RWH, (ushort)4, TestName = "R to RWH, three newer: upgrade and purge")]
    [TestCase(R, (ushort)1, R, (ushort)2, R, (ushort)1, TestName = "R to R, newer: purge cache only")]
    [TestCase(R, (ushort)1, None, (ushort)2, R, (ushort)1, TestName = "R to None, newer: purge cache only")]
    [TestCase(RH, (ushort)3, R, (ushort)4, RH, (ushort)3, TestName = "RH to R: invalid, kept")]
    [TestCase(RH, (ushort)3, RWH, (ushort)4, RWH, (ushort)4, TestName = "RH to RWH, newer: upgrade")]
    [TestCase(RH, (ushort)3, RWH, (ushort)2, RH, (ushort)3, TestName = "RH to RWH, older: kept")]
    [TestCase(RWH, (ushort)3, RWH, (ushort)5, RWH, (ushort)3, TestName = "RWH to RWH, another epoch: invalid, kept")]
    [TestCase(RH, (ushort)0xFFFF, RWH, (ushort)0, RWH, (ushort)0, TestName = "RH to RWH across the wrap: upgrade")]
    public void AV2ResponseChangesTheLeaseOnlyWhereTheTableSaysUpgrade(LeaseState held, ushort heldEpoch, LeaseState granted, ushort epoch, LeaseState state, ushort stateEpoch)
    {
        var lease = new Lease(Guid.NewGuid(), "a") { LeaseState = held, Epoch = heldEpoch };
        lease.Granted(granted, epoch, null);
        Assert.That((lease.LeaseState, lease.Epoch, lease.Version), Is.EqualTo((state, stateEpoch, 2)));
    }

    [TestCase(2, (ushort)7, (ushort)7, RWH, (ushort)7, TestName = "v2, NewEpoch not newer: state and epoch kept")]
    [TestCase(2, (ushort)7, (ushort)8, R, (ushort)8, TestName = "v2, NewEpoch newer: state and epoch taken")]
    [TestCase(1, (ushort)0, (ushort)0, R, (ushort)0, TestName = "v1: the state is taken")]
    public void ABreakToRUpdatesTheLeaseAsItsVersionSays(int version, ushort epoch, ushort newEpoch, LeaseState state, ushort stateEpoch)
    {
        var lease = new Lease(Guid.NewGuid(), "a") { Version = version, LeaseState = RWH, Epoch = epoch };
        lease.BreakNotified(new LeaseBreakNotification
        {
            LeaseKey = lease.LeaseKey,
            CurrentLeaseState = RWH,
            NewLeaseState = R,
            NewEpoch = newEpoch,
            Flags = LeaseBreakNotificationFlags.AckRequired,
        });
        Assert.That((lease.LeaseState, lease.Epoch, lease.Breaking, lease.BreakToLeaseState), Is.EqualTo((state, stateEpoch, true, R)));
    }
}
