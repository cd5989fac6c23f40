using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;

namespace Conformance.ReferenceServer.Hosting;

/// <summary>How a reference server is set up: where it listens, its shares, users and policies, and its resource bounds.</summary>
public sealed record ServerConfiguration
{
    public const string DefaultUser = "tester";
    public const string DefaultPassword = "Passw0rd!";
    public const string DefaultDomain = "WORKGROUP";

    /// <summary>0 picks an ephemeral port.</summary>
    public int Port { get; init; }

    /// <summary>Null gives the default shares: <c>conf</c> and <c>encrypted</c> (encryption required), both in memory.</summary>
    public IReadOnlyList<ShareConfiguration>? Shares { get; init; }

    /// <summary>Null gives the single user tester / Passw0rd! of domain WORKGROUP.</summary>
    public IReadOnlyList<NtlmCredential>? Users { get; init; }

    public string Domain { get; init; } = DefaultDomain;

    /// <summary>Every session must encrypt (Server EncryptData, 3.3.1.5).</summary>
    public bool EncryptData { get; init; }

    public bool RequireMessageSigning { get; init; }

    /// <summary>ServerEnabled (3.3.1.5): false keeps the listener but accepts no connection (3.3.5.1), as a server whose service was disabled (3.3.4.23).</summary>
    public bool Enabled { get; init; } = true;
    public bool AllowGuest { get; init; }

    /// <summary>
    /// How long a session stays valid after it authenticates, as a GSS subsystem with ticket lifetimes
    /// (Kerberos) would report (3.3.5.5.3 step 14); null: sessions never expire, as with NTLM.
    /// </summary>
    public TimeSpan? SessionLifetime { get; init; }

    /// <summary>IsMultiChannelCapable (3.3.1.5): 3.x sessions may be bound to further connections.</summary>
    public bool MultiChannel { get; init; } = true;

    /// <summary>The most channels a session may have (its first one included); one more binding gets STATUS_INSUFFICIENT_RESOURCES. Default 32, as Windows and Samba.</summary>
    public int MaxChannels { get; init; } = 32;

    /// <summary>The Capability FSCTL_QUERY_NETWORK_INTERFACE_INFO reports for the listening address (RSS_CAPABLE, RDMA_CAPABLE; 2.2.32.5).</summary>
    public NetworkInterfaceCapability InterfaceCapability { get; init; }

    /// <summary>The LinkSpeed, in bits per second, FSCTL_QUERY_NETWORK_INTERFACE_INFO reports for the listening address. Default 10 Gbit/s.</summary>
    public ulong InterfaceLinkSpeed { get; init; } = 10_000_000_000;

    /// <summary>IsServerToClientNotificationsSupported (current MS-SMB2 3.1.1.1): 3.1.1 clients may get SMB2_GLOBAL_CAP_NOTIFICATIONS.</summary>
    public bool ServerToClientNotifications { get; init; } = true;
    public Dialect MaxDialect { get; init; } = Dialect.Smb311;

    /// <summary>
    /// Also listen for SMB2 over the NetBIOS session service (MS-SMB2 2.1, RFC 1002) on this port of
    /// 127.0.0.1 (0: any free port); null: Direct TCP only.
    /// </summary>
    public int? NetBiosPort { get; init; }

    /// <summary>The NetBIOS name a SESSION REQUEST must call (or <c>*SMBSERVER</c>); other names get a NEGATIVE SESSION RESPONSE.</summary>
    public string NetBiosName { get; init; } = DefaultNetBiosName;

    public const string DefaultNetBiosName = "REFERENCE";

    public int MaxConnections { get; init; } = 64;

    /// <summary>Largest message a client may send (its Direct TCP length); larger ones end the connection.</summary>
    public int MaxMessageSize { get; init; } = 8 * 1024 * 1024 + 64 * 1024;

    /// <summary>Requests one connection may have pending at once (CHANGE_NOTIFY, blocked LOCK).</summary>
    public int MaxOutstandingAsyncRequests { get; init; } = 256;

    /// <summary>Receives diagnostic lines (disconnect reasons, handler failures); null discards them.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The server's clock, which every timer of 3.3.2 runs on; null is the system clock (tests give a fake one).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>How long a break waits for its acknowledgment (the oplock break acknowledgment timer, 3.3.2.1). Default 35 s, as Windows.</summary>
    public TimeSpan OplockBreakTimeout { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>How long a lease break waits for its acknowledgment (Lease.LeaseBreakTimeout, 3.3.4.7). Default 35 s, as Windows.</summary>
    public TimeSpan LeaseBreakTimeout { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>IsLeasingSupported (3.3.1.5): SMB2_GLOBAL_CAP_LEASING at 2.1 and 3.x, and leases granted.</summary>
    public bool Leasing { get; init; } = true;

    /// <summary>IsDirectoryLeasingSupported (3.3.1.5): SMB2_GLOBAL_CAP_DIRECTORY_LEASING at 3.x, and leases on directories.</summary>
    public bool DirectoryLeasing { get; init; } = true;

    /// <summary>How long a disconnected durable open is kept when the client named no time-out (3.3.7.1). Default 60 s.</summary>
    public TimeSpan DurableTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>For tests: an exception to throw in place of a command's handler, to exercise the STATUS_INTERNAL_ERROR path.</summary>
    public Func<Smb2Command, Exception?>? FaultInjection { get; init; }

    /// <summary>For tests: changes each response header before it is signed and sent, to make a deliberately wrong server.</summary>
    public Action<Smb2Header>? ResponseTamper { get; init; }

    public IReadOnlyList<ShareConfiguration> EffectiveShares => Shares ??
    [
        new ShareConfiguration("conf"),
        new ShareConfiguration("encrypted") { EncryptData = true },
    ];

    public IReadOnlyList<NtlmCredential> EffectiveUsers => Users ?? [new NtlmCredential(null, DefaultUser, DefaultPassword)];
}

/// <summary>A share: in memory when <see cref="Path"/> is null, else a directory on disk.</summary>
public sealed record ShareConfiguration(string Name, string? Path = null)
{
    public bool EncryptData { get; init; }

    /// <summary>Share.MaxUses (3.3.1.6): the most tree connects the share takes at once; null: no limit.</summary>
    public int? MaxUses { get; init; }

    /// <summary>Share.Type includes STYPE_CLUSTER_SOFS (3.3.1.6): a scale-out share, SMB2_SHARE_CAP_SCALEOUT at 3.x.</summary>
    public bool ScaleOut { get; init; }

    /// <summary>Share.ForceLevel2Oplock (3.3.1.6): no exclusive oplock, no write-caching lease.</summary>
    public bool ForceLevel2Oplock { get; init; }

    /// <summary>Share.IsCA (3.3.1.6): continuously available, where persistent handles are granted; with Share.CATimeout.</summary>
    public bool ContinuouslyAvailable { get; init; }
    public TimeSpan CATimeout { get; init; }
}
