using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Adm;

/// <summary>A share (MS-SMB2 3.3.1.6) and the store that holds its files.</summary>
public sealed class Share(string name, IShareStore? store, ShareType type = ShareType.Disk)
{
    public string Name { get; } = name;
    public string ServerName { get; init; } = "*";
    public string LocalPath { get; init; } = "";
    public ShareType Type { get; } = type;

    /// <summary>The files; null for a pipe share (IPC$), which holds no files.</summary>
    public IShareStore? Store { get; } = store;

    /// <summary>Requests on this share must be encrypted (3.3.1.6 Share.EncryptData).</summary>
    public bool EncryptData { get; init; }

    /// <summary>3.3.1.6 Share.MaxUses: the most tree connects at once (3.3.5.7 refuses one more); null: no limit.</summary>
    public int? MaxUses { get; init; }

    public ShareFlags CscFlags { get; init; } = ShareFlags.ManualCaching;
    public bool IsDfs { get; init; }
    public bool DoAccessBasedDirectoryEnumeration { get; init; }
    public bool AllowNamespaceCaching { get; init; }
    public bool ForceSharedDelete { get; init; }
    public bool RestrictExclusiveOpens { get; init; }
    /// <summary>Share.ForceLevel2Oplock: a batch or exclusive oplock is granted as level II (3.3.5.9), a lease without write caching (3.3.5.9.8, 3.3.5.9.11).</summary>
    public bool ForceLevel2Oplock { get; init; }

    /// <summary>Share.Type includes STYPE_CLUSTER_SOFS: at 3.x a batch oplock becomes level II, a lease R or nothing, and TREE_CONNECT announces SMB2_SHARE_CAP_SCALEOUT (3.3.5.7).</summary>
    public bool IsScaleOut { get; init; }
    public bool HashEnabled { get; init; }
    /// <summary>Share.IsCA: continuously available, so a DH2Q may make a persistent open (3.3.5.9.10); TREE_CONNECT announces SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY at 3.x.</summary>
    public bool IsCA { get; init; }

    /// <summary>Share.CATimeout: the Timeout a persistent open asking 0 gets (3.3.5.9.10); zero leaves it to the server.</summary>
    public TimeSpan CATimeout { get; init; }
    public bool SupportsIdentityRemoting { get; init; }
    public bool CompressData { get; init; }

    /// <summary>The widest access any user gets (3.3.1.6 Share.ShareSecurity / MaximalAccess of a tree connect).</summary>
    public AccessMask MaximalAccess { get; init; } = (AccessMask)0x001F01FF;

    /// <summary>The MS-FSA file objects with opens on them: sharing modes and delete-pending state.</summary>
    public LocalFileTable Files { get; } = new(store);

    public bool IsPipe => Type == ShareType.Pipe;
}
