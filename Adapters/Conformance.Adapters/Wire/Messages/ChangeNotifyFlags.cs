namespace Conformance.Adapters.Wire.Messages;

/// <summary>The Flags field of the CHANGE_NOTIFY Request (2.2.35).</summary>
[Flags]
public enum ChangeNotifyFlags : ushort
{
    None = 0,

    /// <summary>SMB2_WATCH_TREE: also watch everything beneath the directory.</summary>
    WatchTree = 0x0001,
}
