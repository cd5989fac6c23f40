using System.Collections.Concurrent;
using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.ReferenceServer.Adm;

/// <summary>
/// The server's global state (MS-SMB2 3.3.1.5). One instance per running server; the tables are
/// safe for concurrent use by every connection.
/// </summary>
public sealed class Server
{
    private long nextSessionId;
    private long nextFileId;
    private long nextAsyncId;

    public Server(IEnumerable<Share> shares, IEnumerable<NtlmCredential> users, TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        ServerStartTime = (ulong)Clock.GetUtcNow().ToFileTime();
        foreach (var share in shares)
        {
            ShareList[share.Name] = share;
        }
        Users = users.ToList();
    }

    public Guid ServerGuid { get; init; } = Guid.NewGuid();

    /// <summary>The server's one clock: every timer of 3.3.2 and every time the ADM records (tests give a fake one).</summary>
    public TimeProvider Clock { get; }

    /// <summary>FILETIME of the server's start.</summary>
    public ulong ServerStartTime { get; }

    /// <summary>
    /// How long an oplock or lease break waits for its acknowledgment (3.3.2.1); Windows waits 35 s
    /// (MS-SMB2 &lt;170&gt;), and so does this server unless told otherwise.
    /// </summary>
    public TimeSpan OplockBreakTimeout { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>How long a lease break waits for its acknowledgment (Lease.LeaseBreakTimeout, 3.3.4.7; the timer of 3.3.2.1). Windows: 35 s (&lt;192&gt;).</summary>
    public TimeSpan LeaseBreakTimeout { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>The implementation-specific time a disconnected durable open is kept when the client named none (3.3.7.1 &lt;357&gt;).</summary>
    public TimeSpan DurableOpenTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Every established session, by SessionId (3.3.1.5 GlobalSessionTable).</summary>
    public ConcurrentDictionary<ulong, Session> GlobalSessionTable { get; } = new();

    /// <summary>Every open, by FileId.Persistent (3.3.1.5 GlobalOpenTable).</summary>
    public ConcurrentDictionary<ulong, Open> GlobalOpenTable { get; } = new();

    /// <summary>(ClientGuid, CreateGuid) of each DH2Q CREATE still pending (waiting on a break): no open exists for it yet.</summary>
    public ConcurrentDictionary<(Guid ClientGuid, Guid CreateGuid), byte> PendingDurableCreates { get; } = new();

    /// <summary>Shares by name, compared ignoring case (3.3.1.5 ShareList).</summary>
    public ConcurrentDictionary<string, Share> ShareList { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One LeaseTable per ClientGuid (3.3.1.5 GlobalLeaseTableList).</summary>
    public ConcurrentDictionary<Guid, LeaseTable> GlobalLeaseTableList { get; } = new();

    /// <summary>The connections being served (3.3.1.5 ConnectionList).</summary>
    public ConcurrentDictionary<Connection, byte> ConnectionList { get; } = new();

    public bool IsDfsCapable { get; init; }
    /// <summary>The server grants leases (SMB2_GLOBAL_CAP_LEASING at 2.1 and 3.x).</summary>
    public bool IsLeasingSupported { get; init; } = true;

    /// <summary>The server grants leases on directories (SMB2_GLOBAL_CAP_DIRECTORY_LEASING at 3.x).</summary>
    public bool IsDirectoryLeasingSupported { get; init; } = true;
    public bool IsMultiChannelCapable { get; init; }

    /// <summary>
    /// The most channels a session may have, its first one included: a binding beyond it fails with
    /// STATUS_INSUFFICIENT_RESOURCES (Windows and Samba allow 32).
    /// </summary>
    public int MaxChannelsPerSession { get; init; } = 32;

    /// <summary>The local interface addresses FSCTL_QUERY_NETWORK_INTERFACE_INFO reports (3.3.5.15.11), one entry per address.</summary>
    public IReadOnlyList<NetworkInterfaceInfo> NetworkInterfaces { get; init; } = [];
    public bool IsPersistentHandlesSupported { get; init; }
    public bool IsEncryptionSupported { get; init; } = true;
    public bool IsCompressionSupported { get; init; }
    public bool IsChainedCompressionSupported { get; init; }
    public bool IsRDMATransformSupported { get; init; }
    public bool DisableEncryptionOverSecureTransport { get; init; }
    public bool RequireMessageSigning { get; init; }

    /// <summary>3.3.1.5 ServerEnabled: whether the server accepts incoming connections (3.3.5.1).</summary>
    public bool ServerEnabled { get; init; } = true;

    /// <summary>
    /// Current MS-SMB2 3.1.1.1 IsServerToClientNotificationsSupported (set in an implementation-specific
    /// manner, 3.1.3): a 3.1.1 client that asks for SMB2_GLOBAL_CAP_NOTIFICATIONS gets it (3.3.5.4), and
    /// binding then requires the same answer on every channel (3.3.5.5). True by default, as in Windows
    /// 11 24H2 and Windows Server 2022 23H2 and later: the spec obliges no notification to be sent.
    /// </summary>
    public bool IsServerToClientNotificationsSupported { get; init; } = true;

    /// <summary>Every session must encrypt (3.3.1.5 EncryptData).</summary>
    public bool EncryptData { get; init; }

    public bool RejectUnencryptedAccess { get; init; } = true;
    public bool AllowAnonymousAccess { get; init; } = true;
    public bool AllowGuest { get; init; }

    /// <summary>The expiration time the authentication subsystem gives a session (3.3.5.5.3 step 14); null: infinity.</summary>
    public TimeSpan? SessionLifetime { get; init; }

    /// <summary>The highest dialect this server negotiates.</summary>
    public Dialect MaxDialect { get; init; } = Dialect.Smb311;

    /// <summary>The ciphers this server supports (current MS-SMB2 3.3.1.5 EncryptionAlgorithmList... kept by id).</summary>
    public IReadOnlyList<Cipher> EncryptionAlgorithmList { get; init; } =
        [Cipher.Aes128Ccm, Cipher.Aes128Gcm, Cipher.Aes256Ccm, Cipher.Aes256Gcm];

    public IReadOnlyList<SigningAlgorithm> SigningAlgorithmList { get; init; } =
        [SigningAlgorithm.AesGmac, SigningAlgorithm.AesCmac, SigningAlgorithm.HmacSha256];

    public uint MaxTransactSize { get; init; } = 8 * 1024 * 1024;
    public uint MaxReadSize { get; init; } = 8 * 1024 * 1024;
    public uint MaxWriteSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Credits a connection may hold at once (the CommandSequenceWindow's size, 3.3.1.1).</summary>
    public ushort MaxCredits { get; init; } = 8192;

    /// <summary>The user table the NTLM authenticator checks.</summary>
    public IReadOnlyList<NtlmCredential> Users { get; }

    public string NbComputerName { get; init; } = "REFSERVER";
    public string NbDomainName { get; init; } = "WORKGROUP";

    public IEnumerable<Dialect> SupportedDialects =>
        new[] { Dialect.Smb202, Dialect.Smb210, Dialect.Smb300, Dialect.Smb302, Dialect.Smb311 }.Where(dialect => dialect <= MaxDialect);

    public ulong NewSessionId() => (ulong)Interlocked.Increment(ref nextSessionId) | 0x0000_4000_0000_0000UL;

    public ulong NewFileId() => (ulong)Interlocked.Increment(ref nextFileId);

    public ulong NewAsyncId() => (ulong)Interlocked.Increment(ref nextAsyncId);
}
