using System.Collections.Concurrent;

namespace Conformance.Adapters.Client;

/// <summary>
/// An authenticated session (3.2.1.3 Per Session). The keys are those of 3.2.5.3.1 (SMB 3.x: derived
/// with the KDF of 3.1.4.2; SMB 2.x: the SessionKey signs). Null keys: not yet derived.
/// </summary>
public sealed class Session(Connection connection, ulong sessionId)
{
    public ulong SessionId { get; internal set; } = sessionId;

    /// <summary>Session.TreeConnectTable, by TreeConnectId (<see cref="FindTree(string)"/> looks up by share name).</summary>
    public ConcurrentDictionary<uint, TreeConnect> TreeConnectTable { get; } = new();

    /// <summary>The first 16 bytes of the cryptographic key of the authentication, zero-padded.</summary>
    public byte[]? SessionKey { get; internal set; }

    public bool SigningRequired { get; set; }

    /// <summary>Session.Connection: where the session was established.</summary>
    public Connection Connection { get; } = connection;

    /// <summary>Session.UserCredentials.</summary>
    public object? UserCredentials { get; set; }

    /// <summary>Session.OpenTable, by FileId.</summary>
    public ConcurrentDictionary<Wire.FileId, Open> OpenTable { get; } = new();

    /// <summary>Session.ChannelList: a channel per bound connection, the first one included once keys exist.</summary>
    public List<Channel> ChannelList { get; } = [];

    public ushort ChannelSequence { get; set; }

    public bool EncryptData { get; set; }

    public byte[]? EncryptionKey { get; internal set; }

    public byte[]? DecryptionKey { get; internal set; }

    public byte[]? SigningKey { get; internal set; }

    public byte[]? ApplicationKey { get; internal set; }

    /// <summary>Session.PreauthIntegrityHashValue (3.1.1): the SHA-512 chain over this session's SESSION_SETUP exchange.</summary>
    public byte[]? PreauthIntegrityHashValue { get; internal set; }

    /// <summary>The SessionFlags of the final SESSION_SETUP Response (IS_GUEST 0x1, IS_NULL 0x2, ENCRYPT_DATA 0x4).</summary>
    public ushort SessionFlags { get; internal set; }

    public TreeConnect? FindTree(string shareName) =>
        TreeConnectTable.Values.FirstOrDefault(tree => string.Equals(tree.ShareName, shareName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The channel whose connection is <paramref name="on"/>, if the session is bound to it.</summary>
    public Channel? ChannelOn(Connection on)
    {
        lock (ChannelList)
        {
            return ChannelList.Find(channel => ReferenceEquals(channel.Connection, on));
        }
    }

    public override string ToString() => $"session 0x{SessionId:X}";
}
