using System.Collections.Concurrent;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.ReferenceServer.Adm;

/// <summary>One transport connection and its negotiated state (MS-SMB2 3.3.1.7).</summary>
public sealed class Connection(string clientName, DateTimeOffset creationTime)
{
    /// <summary>0xFFFF before any negotiate; 0x02FF after an SMB2 wildcard answer to SMB_COM_NEGOTIATE.</summary>
    public const ushort NoDialect = 0xFFFF;

    public CommandSequenceWindow CommandSequenceWindow { get; } = new();

    /// <summary>Requests being processed, by MessageId (3.3.1.7 RequestList); async ones are also found by AsyncId.</summary>
    public ConcurrentDictionary<ulong, Request> RequestList { get; } = new();

    public GlobalCapabilities ClientCapabilities { get; set; }
    public ushort NegotiateDialect { get; set; } = NoDialect;

    /// <summary>The selected dialect, or null before a NEGOTIATE response was sent.</summary>
    public Dialect? Dialect { get; set; }

    /// <summary>Async requests by AsyncId.</summary>
    public ConcurrentDictionary<ulong, Request> AsyncCommandList { get; } = new();

    public bool ShouldSign { get; set; }
    public string ClientName { get; } = clientName;
    public uint MaxTransactSize { get; set; }
    public uint MaxWriteSize { get; set; }
    public uint MaxReadSize { get; set; }
    public bool SupportsMultiCredit { get; set; }
    public string TransportName { get; init; } = "DirectTcp";

    /// <summary>Sessions established on this connection, by SessionId (3.3.1.7 SessionTable).</summary>
    public ConcurrentDictionary<ulong, Session> SessionTable { get; } = new();

    public DateTimeOffset CreationTime { get; } = creationTime;

    /// <summary>Sessions still authenticating, by SessionId (3.1.1, 3.3.1.7 PreauthSessionTable).</summary>
    public ConcurrentDictionary<ulong, PreauthSession> PreauthSessionTable { get; } = new();

    public Guid ClientGuid { get; set; }
    public GlobalCapabilities ServerCapabilities { get; set; }
    public SecurityMode ClientSecurityMode { get; set; }
    public SecurityMode ServerSecurityMode { get; set; }
    public bool ConstrainedConnection { get; set; }

    /// <summary>The dialects the client offered, for FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.1.7 ClientDialects).</summary>
    public IReadOnlyList<Dialect> ClientDialects { get; set; } = [];

    /// <summary>3.1.1: 0x0001 (SHA-512) once negotiated.</summary>
    public ushort PreauthIntegrityHashId { get; set; }

    /// <summary>3.1.1: the hash over the NEGOTIATE request and response.</summary>
    public PreauthIntegrityHash PreauthIntegrityHashValue { get; set; } = PreauthIntegrityHash.Initial;

    /// <summary>3.1.1: the negotiated cipher, or null when none was (CipherId 0).</summary>
    public Cipher? CipherId { get; set; }

    /// <summary>3.1.1: the negotiated signing algorithm; null when no SIGNING_CAPABILITIES context was exchanged.</summary>
    public SigningAlgorithm? SigningAlgorithmId { get; set; }

    public IReadOnlyList<ushort> CompressionIds { get; set; } = [];
    public bool SupportsChainedCompression { get; set; }
    public bool RDMATransformIds { get; set; }
    public bool AcceptTransportSecurity { get; set; }

    /// <summary>3.1.1: the NEGOTIATE response granted SMB2_GLOBAL_CAP_NOTIFICATIONS (current MS-SMB2 3.3.1.7, 3.3.5.4).</summary>
    public bool SupportsNotifications { get; set; }
    public bool ServerCertificateMappingEnabled { get; set; }

    /// <summary>The algorithm that signs messages on this connection (current MS-SMB2 3.1.4.1).</summary>
    public SigningAlgorithm SigningAlgorithm =>
        Dialect is { } dialect ? SigningAlgorithmExtensions.ForDialect(dialect, SigningAlgorithmId) : SigningAlgorithm.HmacSha256;

    /// <summary>The cipher that protects messages: AES-128-CCM for 3.0/3.0.2, Connection.CipherId for 3.1.1.</summary>
    public Cipher? EffectiveCipher =>
        Dialect is Adapters.Wire.Dialect.Smb300 or Adapters.Wire.Dialect.Smb302
            ? ((ClientCapabilities & GlobalCapabilities.Encryption) != 0 ? Cipher.Aes128Ccm : null)
            : Dialect == Adapters.Wire.Dialect.Smb311 ? CipherId : null;

    public bool IsSmb3 => Dialect is { } dialect && dialect.IsSmb3();

    /// <summary>Where messages the server starts itself leave (break notifications); null until the connection is served.</summary>
    public IServerInitiatedSender? Sender { get; set; }

    public override string ToString() => $"connection from {ClientName}";
}
