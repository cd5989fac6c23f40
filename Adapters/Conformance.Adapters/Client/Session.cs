using System.Collections.Concurrent;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

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
    public byte[]? SessionKey { get; set; }

    public bool SigningRequired { get; set; }

    /// <summary>Session.Connection: where the session was established.</summary>
    public Connection Connection { get; } = connection;

    /// <summary>Session.UserCredentials.</summary>
    public object? UserCredentials { get; set; }

    /// <summary>Session.OpenTable, by FileId.</summary>
    public ConcurrentDictionary<FileId, Open> OpenTable { get; } = new();

    /// <summary>Session.ChannelList: a channel per connection the session is bound to, the first one included once keys exist.</summary>
    public List<Channel> ChannelList { get; } = [];

    public ushort ChannelSequence { get; set; }

    public bool EncryptData { get; set; }

    public byte[]? EncryptionKey { get; set; }

    public byte[]? DecryptionKey { get; set; }

    public byte[]? SigningKey { get; set; }

    public byte[]? ApplicationKey { get; set; }

    /// <summary>Session.PreauthIntegrityHashValue (3.1.1): the SHA-512 chain over this session's SESSION_SETUP exchange, from the connection's.</summary>
    public PreauthIntegrityHash? PreauthIntegrityHashValue { get; set; }

    /// <summary>The SessionFlags of the last SESSION_SETUP Response.</summary>
    public SessionFlags SessionFlags { get; set; }

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

    /// <summary>Takes the derived keys (3.2.5.3.1): SessionKey, SigningKey, EncryptionKey, DecryptionKey, ApplicationKey.</summary>
    public void SetKeys(SessionKeys keys)
    {
        SessionKey = keys.SessionKey;
        SigningKey = keys.SigningKey;
        EncryptionKey = keys.EncryptionKey;
        DecryptionKey = keys.DecryptionKey;
        ApplicationKey = keys.ApplicationKey;
    }

    /// <summary>Adds (or rekeys) the channel on <paramref name="on"/>.</summary>
    public Channel AddChannel(Connection on, byte[] signingKey)
    {
        lock (ChannelList)
        {
            var existing = ChannelList.Find(channel => ReferenceEquals(channel.Connection, on));
            if (existing is not null)
            {
                existing.SigningKey = signingKey;
                return existing;
            }
            var channel = new Channel(on, signingKey);
            ChannelList.Add(channel);
            return channel;
        }
    }

    public override string ToString() => $"session 0x{SessionId:X}";
}
