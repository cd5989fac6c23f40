using System.Collections.Concurrent;
using Conformance.Adapters.Security;

namespace Conformance.ReferenceServer.Adm;

/// <summary>An authenticated (or authenticating) session (MS-SMB2 3.3.1.8).</summary>
public sealed class Session(ulong sessionId, Connection connection, DateTimeOffset creationTime)
{
    private int nextTreeId;

    public ulong SessionId { get; } = sessionId;
    public SessionState State { get; set; } = SessionState.InProgress;

    /// <summary>The GSS exchange of the session's own authentication (3.3.1.8 SecurityContext).</summary>
    public GssExchange Authentication { get; set; } = new();

    public bool IsAnonymous { get; set; }
    public bool IsGuest { get; set; }

    /// <summary>16 bytes (3.3.1.8 SessionKey); null until authentication succeeds (and for anonymous/guest).</summary>
    public byte[]? SessionKey { get; set; }

    /// <summary>The whole GSS key, for the AES-256 cipher keys (current MS-SMB2 3.3.1.8 FullSessionKey).</summary>
    public byte[]? FullSessionKey { get; set; }

    public bool SigningRequired { get; set; }

    /// <summary>Opens of this session, by FileId.Volatile (3.3.1.8 OpenTable).</summary>
    public ConcurrentDictionary<ulong, Open> OpenTable { get; } = new();

    /// <summary>Tree connects, by TreeId (3.3.1.8 TreeConnectTable).</summary>
    public ConcurrentDictionary<uint, TreeConnect> TreeConnectTable { get; } = new();

    /// <summary>When the session expires (3.3.5.5.3 step 14); null: never (infinity).</summary>
    public DateTimeOffset? ExpirationTime { get; set; }
    public Connection Connection { get; set; } = connection;
    public ulong SessionGlobalId { get; set; } = sessionId;
    public DateTimeOffset CreationTime { get; } = creationTime;
    public DateTimeOffset IdleTime { get; set; } = creationTime;
    public string UserName { get; set; } = "";
    public string DomainName { get; set; } = "";

    /// <summary>Every message of this session must be encrypted (3.3.1.8 EncryptData).</summary>
    public bool EncryptData { get; set; }

    public byte[]? EncryptionKey { get; set; }
    public byte[]? DecryptionKey { get; set; }
    public byte[]? SigningKey { get; set; }
    public byte[]? ApplicationKey { get; set; }

    /// <summary>The connections this session is bound to, the first one included (3.3.1.8 ChannelList).</summary>
    public List<Channel> ChannelList { get; } = [];

    /// <summary>3.1.1: the session's preauth integrity hash, seeded from the connection's (3.3.1.8 PreauthIntegrityHashValue).</summary>
    public PreauthIntegrityHash? PreauthIntegrityHashValue { get; set; }

    /// <summary>
    /// 3.1.1: whether the connection that authenticated the session supports one-way notifications;
    /// every channel bound later must match it (current MS-SMB2 3.3.1.8, 3.3.5.5).
    /// </summary>
    public bool SupportsNotifications { get; set; }

    /// <summary>The session expiration timer event's rule for one session (3.3.6.3): a valid session past its ExpirationTime becomes Expired.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (State == SessionState.Valid && ExpirationTime is { } expiration && expiration <= now)
        {
            State = SessionState.Expired;
            return true;
        }
        return false;
    }

    public uint NewTreeId() => (uint)Interlocked.Increment(ref nextTreeId);

    /// <summary>The key that signs on <paramref name="connection"/>: Channel.SigningKey for 3.x, Session.SessionKey otherwise (3.3.4.1.1).</summary>
    public byte[]? SigningKeyFor(Connection connection)
    {
        if (!connection.IsSmb3)
        {
            return SessionKey;
        }
        lock (ChannelList)
        {
            return ChannelList.FirstOrDefault(channel => channel.Connection == connection)?.SigningKey ?? SigningKey;
        }
    }

    public override string ToString() => $"session 0x{SessionId:X16} ({DomainName}\\{UserName}, {State})";
}
