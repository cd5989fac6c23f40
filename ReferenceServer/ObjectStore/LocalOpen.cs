using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.ObjectStore.Oplocks;

namespace Conformance.ReferenceServer.ObjectStore;

/// <summary>
/// An open of a file object in the object store (MS-FSA 2.1.1.13 Open): the access it was granted,
/// the sharing it allows, and the oplock key its oplock is compared by. The SMB2 open (MS-SMB2
/// 3.3.1.10) refers to one as Open.LocalOpen; the object store refers back to nothing above it.
/// </summary>
public sealed class LocalOpen
{
    internal LocalOpen(LocalFile file, AccessMask grantedAccess, ShareAccess shareAccess, OplockKey? targetOplockKey, OplockKey? parentOplockKey)
    {
        File = file;
        GrantedAccess = grantedAccess;
        ShareAccess = shareAccess;
        TargetOplockKey = targetOplockKey;
        ParentOplockKey = parentOplockKey;
    }

    public LocalFile File { get; }
    public AccessMask GrantedAccess { get; }
    public ShareAccess ShareAccess { get; }

    /// <summary>MS-FSA Open.TargetOplockKey: opens with the same key never break each other's oplocks; null for opens without a lease.</summary>
    public OplockKey? TargetOplockKey { get; }

    /// <summary>MS-FSA Open.ParentOplockKey: the key of the lease its opener holds on the parent directory; that lease is not broken by this open's changes.</summary>
    public OplockKey? ParentOplockKey { get; }

    /// <summary>Set once the open is closed (MS-FSA 2.1.5.4): it holds no oplock, lock or share any more.</summary>
    public bool IsClosed { get; internal set; }

    public string Path => File.Path;
    public bool IsDirectory => File.IsDirectory;

    public override string ToString() => $"local open of \"{Path}\"";
}
