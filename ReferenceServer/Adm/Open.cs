using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.ObjectStore;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Adm;

/// <summary>An open of a file, directory or pipe (MS-SMB2 3.3.1.10).</summary>
public sealed class Open(FileId fileId, Session session, TreeConnect treeConnect, Connection connection, LocalOpen localOpen)
{
    /// <summary>Open.FileId (the volatile part) and the persistent part it was made with; a durable reconnect regenerates the volatile part (3.3.5.9.7 step 14).</summary>
    public FileId FileId { get; set; } = fileId;
    public ulong FileGlobalId { get; } = fileId.Persistent;
    public FileId DurableFileId { get; set; } = fileId;
    public Session? Session { get; set; } = session;
    public TreeConnect? TreeConnect { get; set; } = treeConnect;
    public Connection? Connection { get; set; } = connection;

    /// <summary>The object store's open of the file (3.3.1.10 Open.LocalOpen).</summary>
    public LocalOpen LocalOpen { get; } = localOpen;

    /// <summary>The share the open was made on; unlike TreeConnect it stays when the open is preserved for a reconnect (3.3.7.1).</summary>
    public Share Share { get; } = treeConnect.Share;

    public AccessMask GrantedAccess { get; set; }
    public ShareAccess ShareAccess { get; set; }
    public OplockLevel OplockLevel { get; set; }
    public OplockState OplockState { get; set; }

    /// <summary>When an unacknowledged oplock break times out (3.3.4.6, 3.3.6.1); null while not breaking.</summary>
    public DateTimeOffset? OplockTimeout { get; set; }

    // Durable and resilient handles (3.3.1.10).
    public bool IsDurable { get; set; }
    public TimeSpan DurableOpenTimeout { get; set; }
    public DateTimeOffset? DurableOpenScavengerTimeout { get; set; }
    public string? DurableOwner { get; set; }
    public bool IsResilient { get; set; }
    public TimeSpan ResiliencyTimeout { get; set; }
    public DateTimeOffset? ResilientOpenTimeout { get; set; }
    public bool IsPersistent { get; set; }
    public Guid CreateGuid { get; set; }

    /// <summary>
    /// Open.IsReplayEligible (current MS-SMB2 3.3.1.10): a replayed DH2Q may find this open by its
    /// CreateGuid (3.3.5.9.10). Set when a DH2Q's durability is granted on a disk share to a persistent
    /// open or to a file opened for data access; cleared once the open is used (FLUSH, READ, WRITE, LOCK, IOCTL,
    /// CHANGE_NOTIFY, QUERY_INFO, SET_INFO, a break acknowledgment).
    /// </summary>
    public bool IsReplayEligible { get; set; }

    /// <summary>Open.DesiredAccess and Open.CreateDisposition: the CREATE's fields, as 3.3.5.9 records them (a DH2Q replay is compared with them).</summary>
    public AccessMask DesiredAccess { get; set; }
    public CreateDisposition CreateDisposition { get; set; }

    /// <summary>The FileAttributes field of the CREATE (3.3.5.9 Open.FileAttributesOptions; <see cref="FileAttributes"/> holds the file's).</summary>
    public FileAttributes FileAttributesOptions { get; set; }
    public Guid AppInstanceId { get; set; }
    public ulong ApplicationInstanceVersionHigh { get; set; }
    public ulong ApplicationInstanceVersionLow { get; set; }

    public uint CurrentEaIndex { get; set; }
    public uint CurrentQuotaIndex { get; set; }
    public int LockCount { get; set; }

    /// <summary>The share-relative path as opened, and its last component (3.3.1.10 PathName/FileName).</summary>
    public string PathName => LocalOpen.Path;
    public string FileName => PathName.Length == 0 ? "" : PathName[(PathName.LastIndexOf('\\') + 1)..];

    public byte[] ResumeKey { get; } = Guid.NewGuid().ToByteArray().Concat(new byte[8]).ToArray();
    public CreateOptions CreateOptions { get; set; }
    public FileAttributes FileAttributes { get; set; }
    public Guid ClientGuid { get; set; }

    /// <summary>The lease the open shares (3.3.1.10 Open.Lease), or null.</summary>
    public Lease? Lease { get; set; }

    /// <summary>
    /// Open.LockSequenceArray (current MS-SMB2 3.3.1.10): the lock sequences processed, entry i - 1 for
    /// LockSequenceIndex i (1 to 64); guarded by the array itself.
    /// </summary>
    public LockSequenceEntry[] LockSequenceArray { get; } = new LockSequenceEntry[64];

    /// <summary>3.x: the channel sequence of the current epoch (3.3.5.2.10).</summary>
    public ushort ChannelSequence { get; set; }

    /// <summary>Requests of the current epoch still being processed (3.3.5.2.10, 3.3.4.1).</summary>
    public long OutstandingRequestCount { get; set; }

    /// <summary>Requests of earlier epochs still being processed (3.3.5.2.10, 3.3.4.1).</summary>
    public long OutstandingPreRequestCount { get; set; }

    /// <summary>Guards ChannelSequence and the two outstanding counts, which requests on every channel update.</summary>
    public object ChannelSequenceGate { get; } = new();
    public bool IsSharedVHDX { get; set; }

    /// <summary>The handle was opened with DELETE_ON_CLOSE (FILE_DELETE_ON_CLOSE, MS-FSA 2.1.5.1.2.1).</summary>
    public bool DeleteOnClose { get; set; }

    /// <summary>QUERY_DIRECTORY state (MS-FSA 2.1.5.6.3): the search pattern and the entries still to return.</summary>
    public DirectoryEnumeration? Enumeration { get; set; }

    private int closed;

    /// <summary>Marks the open closed (3.3.4.17); false when it already was, so an open is closed once.</summary>
    public bool MarkClosed() => Interlocked.Exchange(ref closed, 1) == 0;

    /// <summary>Whether <see cref="MarkClosed"/> was called: the open is gone or going.</summary>
    public bool IsClosed => Volatile.Read(ref closed) != 0;

    /// <summary>Cancelled when the open is closed: ends its pending CHANGE_NOTIFY and blocked LOCK requests.</summary>
    public CancellationTokenSource Closed { get; } = new();

    /// <summary>An open on a pipe share (IPC$).</summary>
    public bool IsPipe => Share.IsPipe;

    public override string ToString() => $"open {FileId} \"{PathName}\"";
}
