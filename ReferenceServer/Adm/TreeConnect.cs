using System.Collections.Concurrent;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Adm;

/// <summary>A tree connect of a session to a share (MS-SMB2 3.3.1.9).</summary>
public sealed class TreeConnect(uint treeId, Session session, Share share, DateTimeOffset creationTime)
{
    public uint TreeId { get; } = treeId;
    public Session Session { get; } = session;
    public Share Share { get; } = share;
    public int OpenCount;
    public ulong TreeGlobalId { get; } = treeId;
    public DateTimeOffset CreationTime { get; } = creationTime;
    public AccessMask MaximalAccess { get; set; }
    public bool RemotedIdentitySecurityContext { get; set; }

    /// <summary>3.1.1 tree connect contexts (3.3.1.9 TreeConnect.CompressData...); unused until they are implemented.</summary>
    public ConcurrentDictionary<string, object> Contexts { get; } = new();

    public override string ToString() => $"tree 0x{TreeId:X8} \\\\{Share.Name}";
}
