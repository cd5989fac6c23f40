namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the TREE_CONNECT Request in dialect 3.1.1 (current MS-SMB2 2.2.9); Reserved before.</summary>
[Flags]
public enum TreeConnectRequestFlags : ushort
{
    None = 0,
    ClusterReconnect = 0x0001,
    RedirectToOwner = 0x0002,
    ExtensionPresent = 0x0004,
}
