using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>
/// What an operation breaks (MS-FSA 2.1.4.12's BreakToTwo, BreakToNone and BreakCacheLevel, set per
/// Operation code). Built with the factory of the operation: <see cref="Open"/>, <see cref="Write"/>…
/// </summary>
public readonly record struct BreakRequest(bool BreakToTwo, bool BreakToNone, CachingLevel BreakCacheLevel, bool BreakToNoneIfBatch = false)
{
    private const AccessMask AttributeOnly = AccessMask.FileReadAttributes | AccessMask.FileWriteAttributes | AccessMask.Synchronize | AccessMask.ReadControl;

    public static BreakRequest Nothing { get; } = new(false, false, CachingLevel.None);

    public bool BreaksAnything => BreakToTwo || BreakToNone || BreakToNoneIfBatch || BreakCacheLevel != CachingLevel.None;

    /// <summary>
    /// OPEN (MS-FSA 2.1.5.1): an open asking only for attributes breaks nothing; one that overwrites
    /// breaks to none; any other breaks exclusive oplocks to level II and write caching.
    /// </summary>
    public static BreakRequest Open(AccessMask desiredAccess, CreateDisposition disposition)
    {
        if ((desiredAccess & ~AttributeOnly) == 0)
        {
            return Nothing;
        }
        return disposition is CreateDisposition.FileSupersede or CreateDisposition.FileOverwrite or CreateDisposition.FileOverwriteIf
            ? new BreakRequest(false, true, CachingLevel.Read | CachingLevel.Write)
            : new BreakRequest(true, false, CachingLevel.Write);
    }

    /// <summary>OPEN_BREAK_H: an open that would fail the sharing check breaks handle caching first (MS-FSA 2.1.5.1.2).</summary>
    public static BreakRequest OpenBreakHandle { get; } = new(false, false, CachingLevel.Handle);

    /// <summary>READ and FLUSH_DATA (MS-FSA 2.1.5.2, 2.1.5.6).</summary>
    public static BreakRequest Read { get; } = new(true, false, CachingLevel.Write);

    /// <summary>WRITE, LOCK_CONTROL, end-of-file and allocation changes (MS-FSA 2.1.5.3, 2.1.5.7, 2.1.5.14).</summary>
    public static BreakRequest Write { get; } = new(false, true, CachingLevel.Read | CachingLevel.Write);

    /// <summary>A rename (MS-FSA 2.1.5.14.11): handle caching, and a batch oplock to none.</summary>
    public static BreakRequest Rename { get; } = new(false, false, CachingLevel.Handle, BreakToNoneIfBatch: true);

    /// <summary>
    /// A change to a directory's contents or a child's metadata, on the parent directory (MS-FSA
    /// 2.1.4.12 with PARENT_OBJECT): read and write caching, so a directory lease goes to none. It never
    /// makes the operation wait, and spares the lease whose key is the operating open's ParentOplockKey.
    /// </summary>
    public static BreakRequest Parent { get; } = new(false, false, CachingLevel.Read | CachingLevel.Write);

    /// <summary>Setting the delete disposition (MS-FSA 2.1.5.14.3): handle caching.</summary>
    public static BreakRequest Delete { get; } = new(false, false, CachingLevel.Handle);
}
