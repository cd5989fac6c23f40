using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.Events;

/// <summary>
/// Where the object store's break indications arrive: an oplock's goes to 3.3.4.6
/// (<see cref="OplockBreakEvent"/>), a granular oplock's (a lease's) to 3.3.4.7 (<see cref="LeaseBreakEvent"/>).
/// </summary>
internal sealed class ObjectStoreBreakSink(OplockBreakEvent oplockBreaks, LeaseBreakEvent leaseBreaks) : IOplockBreakSink
{
    public void IndicateBreak(OplockBreakIndication indication)
    {
        if (indication.NewOplockLevel.Type == OplockType.Granular)
        {
            leaseBreaks.Indicate(indication);
        }
        else
        {
            oplockBreaks.Indicate(indication);
        }
    }
}
