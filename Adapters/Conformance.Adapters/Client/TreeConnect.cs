using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>A tree connect (3.2.1.4 Per Tree Connect).</summary>
public sealed class TreeConnect(Session session, uint treeConnectId, string shareName)
{
    public string ShareName { get; } = shareName;

    public uint TreeConnectId { get; } = treeConnectId;

    public Session Session { get; } = session;

    public bool IsDfsShare { get; set; }

    public bool IsCAShare { get; set; }

    /// <summary>The server requires encrypted messages for this share (SMB2_SHAREFLAG_ENCRYPT_DATA).</summary>
    public bool EncryptData { get; set; }

    public bool IsScaleoutShare { get; set; }

    /// <summary>The ShareType, ShareFlags, Capabilities and MaximalAccess of the TREE_CONNECT Response, as sent.</summary>
    public ShareType ShareType { get; set; }

    public ShareFlags ShareFlags { get; set; }

    public ShareCapabilities Capabilities { get; set; }

    public AccessMask MaximalAccess { get; set; }

    public override string ToString() => $"tree 0x{TreeConnectId:X} {ShareName}";
}
