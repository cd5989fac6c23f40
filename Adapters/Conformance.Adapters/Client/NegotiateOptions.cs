using System.Security.Cryptography;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using HashAlgorithm = Conformance.Adapters.Wire.NegotiateContexts.HashAlgorithm;

namespace Conformance.Adapters.Client;

/// <summary>
/// What the client offers in its NEGOTIATE Request (3.2.4.2.2.2). Defaults: every dialect up to
/// <see cref="MaxDialect"/>, signing enabled, the 3.x capabilities, and for 3.1.1 the contexts of the
/// current MS-SMB2 2.2.3.1: SHA-512 preauth integrity with a 32-byte salt, ciphers AES-128-GCM,
/// AES-128-CCM, AES-256-GCM, AES-256-CCM, signing AES-GMAC, AES-CMAC, HMAC-SHA256.
/// </summary>
public sealed record NegotiateOptions
{
    public static IReadOnlyList<Dialect> AllDialects { get; } = [Dialect.Smb202, Dialect.Smb210, Dialect.Smb300, Dialect.Smb302, Dialect.Smb311];

    /// <summary>MaxDialect (3.2.1.1): the highest dialect offered when <see cref="Dialects"/> is null.</summary>
    public Dialect MaxDialect { get; init; } = Dialect.Smb311;

    /// <summary>The exact Dialects array; null: every dialect up to <see cref="MaxDialect"/>.</summary>
    public IReadOnlyList<Dialect>? Dialects { get; init; }

    public SecurityMode SecurityMode { get; init; } = SecurityMode.SigningEnabled;

    /// <summary>Null: DFS, LEASING, LARGE_MTU, and when a 3.x dialect is offered MULTI_CHANNEL, PERSISTENT_HANDLES, DIRECTORY_LEASING, ENCRYPTION.</summary>
    public GlobalCapabilities? Capabilities { get; init; }

    /// <summary>Null: the ClientGuid of the connection's client (<see cref="ClientGlobal.ClientGuid"/>, which adopts this one when it is that client's first successful NEGOTIATE).</summary>
    public Guid? ClientGuid { get; init; }

    /// <summary>Null: the default contexts when 3.1.1 is offered, none otherwise. An empty list sends none.</summary>
    public IReadOnlyList<NegotiateContext>? NegotiateContexts { get; init; }

    public IReadOnlyList<Cipher> Ciphers { get; init; } = [Cipher.Aes128Gcm, Cipher.Aes128Ccm, Cipher.Aes256Gcm, Cipher.Aes256Ccm];

    public IReadOnlyList<SigningAlgorithm> SigningAlgorithms { get; init; } = [SigningAlgorithm.AesGmac, SigningAlgorithm.AesCmac, SigningAlgorithm.HmacSha256];

    public IReadOnlyList<Dialect> OfferedDialects => Dialects ?? AllDialects.Where(dialect => dialect <= MaxDialect).ToArray();

    /// <summary>The request these options describe; a scenario may change it before sending it with <see cref="Connection.NegotiateAsync(NegotiateRequest, CancellationToken)"/>.</summary>
    public NegotiateRequest BuildRequest(Guid connectionClientGuid)
    {
        var dialects = OfferedDialects;
        var smb3 = dialects.Any(dialect => dialect.IsSmb3());
        return new NegotiateRequest
        {
            SecurityMode = SecurityMode,
            Capabilities = Capabilities ?? (GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu
                | (smb3 ? GlobalCapabilities.MultiChannel | GlobalCapabilities.PersistentHandles | GlobalCapabilities.DirectoryLeasing | GlobalCapabilities.Encryption : 0)),
            ClientGuid = ClientGuid ?? connectionClientGuid,
            Dialects = [.. dialects],
            NegotiateContexts = [.. NegotiateContexts ?? (dialects.Contains(Dialect.Smb311) ? DefaultContexts() : [])],
        };
    }

    private List<NegotiateContext> DefaultContexts() =>
    [
        new PreauthIntegrityCapabilities { HashAlgorithms = [HashAlgorithm.Sha512], Salt = RandomNumberGenerator.GetBytes(32) },
        new EncryptionCapabilities { Ciphers = [.. Ciphers] },
        new SigningCapabilities { SigningAlgorithms = [.. SigningAlgorithms] },
    ];
}
