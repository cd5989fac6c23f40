namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// The layer above the object store, told of each oplock break (MS-SMB2 3.3.4.6 and 3.3.4.7 are its
/// two sides). Called outside every object-store lock; it must not block.
/// </summary>
public interface IOplockBreakSink
{
    void IndicateBreak(OplockBreakIndication indication);
}
