namespace Conformance.ReferenceServer.ObjectStore.Oplocks;

/// <summary>The caching a granular oplock (a lease) allows (MS-FSA 2.1.1.10: READ_CACHING, HANDLE_CACHING, WRITE_CACHING).</summary>
[Flags]
public enum CachingLevel
{
    None = 0,
    Read = 0x1,
    Handle = 0x2,
    Write = 0x4,
}
