namespace Conformance.ReferenceServer.ObjectStore;

/// <summary>A byte-range lock held by an open (MS-FSA 2.1.1.5 ByteRangeLockList entry).</summary>
public sealed record ByteRangeLock(LocalOpen Owner, ulong Offset, ulong Length, bool Exclusive)
{
    /// <summary>MS-FSA 2.1.5.7: a zero-length range overlaps nothing.</summary>
    public bool Overlaps(ulong offset, ulong length) =>
        Length != 0 && length != 0 && offset <= Offset + (Length - 1) && Offset <= offset + (length - 1);
}
