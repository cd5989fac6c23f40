using System.Collections.Concurrent;
using System.Text;

namespace Conformance.Adapters.Client;

/// <summary>
/// The client's global state (3.2.1.1): its ClientGuid, the ConnectionTable of its open connections,
/// the GlobalFileTable of leases shared by LeaseKey, and the <see cref="BreakInbox"/> every connection
/// of the client delivers its OPLOCK_BREAK notifications to. Every <see cref="Connection"/> belongs to
/// exactly one: <see cref="Connection.ConnectAsync"/> makes a private one unless
/// <see cref="ConnectionOptions.Client"/> names one, so a scenario playing several clients gives each
/// connection its own, and one playing a multichannel or reconnecting client opens its connections
/// with <see cref="ConnectAsync"/>.
/// </summary>
public sealed class ClientGlobal
{
    private readonly Lock gate = new();
    private readonly Lock tableGate = new();
    private readonly List<Connection> connections = [];
    private bool clientGuidFixed;

    /// <summary>A client with a new ClientGuid, which the first successful NEGOTIATE may still replace (<see cref="ClientGuid"/>).</summary>
    public ClientGlobal()
    {
        ClientGuid = Guid.NewGuid();
        Breaks = new BreakInbox(this);
    }

    /// <summary>A client whose ClientGuid is <paramref name="clientGuid"/>, whatever its connections send.</summary>
    public ClientGlobal(Guid clientGuid)
        : this()
    {
        ClientGuid = clientGuid;
        clientGuidFixed = true;
    }

    /// <summary>
    /// ClientGuid, what NEGOTIATE sends unless <see cref="NegotiateOptions.ClientGuid"/> says otherwise.
    /// A client made without one adopts the ClientGuid of its first successful NEGOTIATE, so a scenario
    /// that names the ClientGuid in the NegotiateOptions of a private connection has that client; after
    /// it (or when the client was made with a ClientGuid) a connection that sends another one lies for
    /// itself only: <see cref="Connection.SentClientGuid"/> has what it sent.
    /// </summary>
    public Guid ClientGuid { get; private set; }

    /// <summary>ConnectionTable: this client's connections that are still open, in the order they were opened.</summary>
    public IReadOnlyList<Connection> ConnectionTable
    {
        get
        {
            lock (gate)
            {
                return connections.ToArray();
            }
        }
    }

    /// <summary>
    /// GlobalFileTable by File.LeaseKey: the <see cref="Lease"/> (the File of 3.2.1.5) that the opens
    /// asking for a lease key share. CREATE adds an entry or joins one (3.2.5.7); the CLOSE of its last
    /// open removes it (3.2.5.9).
    /// </summary>
    public ConcurrentDictionary<Guid, Lease> GlobalFileTable { get; } = new();

    /// <summary>The OPLOCK_BREAK notifications received on any connection of this client.</summary>
    public BreakInbox Breaks { get; }

    /// <summary>Whether any connection of this client is open (a break can still come).</summary>
    public bool HasOpenConnection
    {
        get
        {
            lock (gate)
            {
                return connections.Exists(connection => connection.IsOpen);
            }
        }
    }

    /// <summary>Opens a TCP connection of this client (<see cref="Connection.ConnectAsync"/> with <see cref="ConnectionOptions.Client"/> set to it).</summary>
    public Task<Connection> ConnectAsync(string host, int port, ConnectionOptions? options = null, CancellationToken cancellationToken = default) =>
        Connection.ConnectAsync(host, port, (options ?? ConnectionOptions.Default) with { Client = this }, cancellationToken);

    public override string ToString() => $"client {ClientGuid}";

    internal void Add(Connection connection)
    {
        lock (gate)
        {
            connections.Add(connection);
        }
    }

    /// <summary>A connection is gone: out of the ConnectionTable, and the break waiters that can no longer be served fail.</summary>
    internal void Lost(Connection connection, Smb2ClientException error)
    {
        lock (gate)
        {
            connections.Remove(connection);
        }
        Breaks.ConnectionLost(connection, error);
    }

    /// <summary>A NEGOTIATE of a connection of this client succeeded having sent <paramref name="sent"/>: the first fixes the ClientGuid.</summary>
    internal void Negotiated(Guid sent)
    {
        lock (gate)
        {
            if (!clientGuidFixed)
            {
                ClientGuid = sent;
                clientGuidFixed = true;
            }
        }
    }

    /// <summary>
    /// <paramref name="open"/> joins the entry for <paramref name="leaseKey"/>, which is added (File.LeaseState
    /// NONE, 3.2.5.7) when there is none.
    /// </summary>
    internal Lease Join(Guid leaseKey, string fileName, int version, Guid? parentLeaseKey, Open open)
    {
        lock (tableGate)
        {
            var lease = GlobalFileTable.GetOrAdd(leaseKey, key => new Lease(key, fileName) { Version = version, ParentLeaseKey = parentLeaseKey });
            lease.Add(open);
            return lease;
        }
    }

    /// <summary>A reestablished <paramref name="open"/> is in its lease's OpenTable, and the lease in the GlobalFileTable (3.2.5.8).</summary>
    internal void Rejoin(Lease lease, Open open)
    {
        lock (tableGate)
        {
            GlobalFileTable.TryAdd(lease.LeaseKey, lease);
            lease.Add(open);
        }
    }

    /// <summary>
    /// 3.2.5.9: <paramref name="open"/> leaves its lease's OpenTable; a lease left without opens goes
    /// from the GlobalFileTable unless it is the parent of another entry, and so, then, do parents
    /// left without opens or children. Parenthood is by ParentLeaseKey here (the spec's "entry whose
    /// name with its last component removed" matches), the table being keyed by LeaseKey.
    /// </summary>
    internal void Release(Open open)
    {
        lock (tableGate)
        {
            if (open.Lease is not { } lease || !lease.Remove(open))
            {
                return;
            }
            var removed = true;
            while (removed)
            {
                removed = false;
                foreach (var (key, entry) in GlobalFileTable)
                {
                    if (entry.OpenCount == 0 && !GlobalFileTable.Values.Any(other => other.ParentLeaseKey == key) &&
                        GlobalFileTable.TryRemove(new KeyValuePair<Guid, Lease>(key, entry)))
                    {
                        removed = true;
                    }
                }
            }
        }
    }

    /// <summary>The last frames of each open connection, for an error's recent exchange.</summary>
    internal string DumpExchange(int lastFrames)
    {
        var all = ConnectionTable;
        if (all.Count == 1)
        {
            return all[0].DumpExchange(lastFrames);
        }
        var text = new StringBuilder();
        foreach (var connection in all)
        {
            text.Append(text.Length == 0 ? "" : "\n").Append(connection.Transport.Connection).Append(':');
            var frames = connection.DumpExchange(lastFrames);
            if (frames.Length > 0)
            {
                text.Append('\n').Append(frames);
            }
        }
        return text.ToString();
    }
}
