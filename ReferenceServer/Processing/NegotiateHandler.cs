using System.Security.Cryptography;
using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using Conformance.ReferenceServer.Adm;
using HashAlgorithm = Conformance.Adapters.Wire.NegotiateContexts.HashAlgorithm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 NEGOTIATE (3.3.5.4; 3.1.1 negotiate contexts from the current MS-SMB2 3.3.5.4) and the SMB1 upgrade (3.3.5.3.1).</summary>
internal sealed class NegotiateHandler : ICommandHandler
{
    public bool RequiresSession => false;
    public bool RequiresTreeConnect => false;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var connection = context.Connection;
        var server = context.Server;
        // 3.3.5.4: a second NEGOTIATE after a dialect was selected ends the connection.
        if (connection.NegotiateDialect is not (Connection.NoDialect or (ushort)Dialect.Smb2Wildcard))
        {
            return Task.FromResult(Outcome.Disconnect("a second NEGOTIATE on the connection (3.3.5.4)"));
        }
        var decoded = NegotiateRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.Negotiate, NtStatus.InvalidParameter));
        }
        var request = decoded.Value;
        connection.ClientCapabilities = request.Capabilities;
        connection.ClientSecurityMode = request.SecurityMode;
        connection.ClientGuid = request.ClientGuid;
        connection.ClientDialects = request.Dialects;
        if ((request.SecurityMode & SecurityMode.SigningRequired) != 0)
        {
            connection.ShouldSign = true;
        }
        if (request.Dialects.Count == 0)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.Negotiate, NtStatus.InvalidParameter));
        }
        var common = server.SupportedDialects.Where(request.Dialects.Contains).DefaultIfEmpty().Max();
        if (common == 0)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.Negotiate, NtStatus.NotSupported));
        }
        var contexts = new List<NegotiateContext>();
        if (common == Dialect.Smb311)
        {
            // Current MS-SMB2 3.3.5.4: exactly one PREAUTH_INTEGRITY_CAPABILITIES, offering SHA-512.
            // Exactly one preauth context; at most one encryption, compression, RDMA transform and
            // signing context; no zero SigningAlgorithmCount, CompressionAlgorithmCount or TransformCount.
            var preauth = request.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().ToList();
            if (preauth.Count != 1 || HasDuplicateOrEmptyContext(request.NegotiateContexts))
            {
                return Task.FromResult(Outcome.Error(Smb2Command.Negotiate, NtStatus.InvalidParameter));
            }
            if (!preauth[0].HashAlgorithms.Contains(HashAlgorithm.Sha512))
            {
                return Task.FromResult(Outcome.Error(Smb2Command.Negotiate, NtStatus.SmbNoPreauthIntegrityHashOverlap));
            }
            connection.PreauthIntegrityHashId = PreauthIntegrityHash.Sha512;
            contexts.Add(new PreauthIntegrityCapabilities { HashAlgorithms = [HashAlgorithm.Sha512], Salt = RandomNumberGenerator.GetBytes(32) });
            if (request.NegotiateContexts.OfType<EncryptionCapabilities>().FirstOrDefault() is { } encryption && server.IsEncryptionSupported)
            {
                // The first of the client's ciphers, in its order, that this server supports; 0 for none.
                var chosen = encryption.Ciphers.Where(server.EncryptionAlgorithmList.Contains).Select(cipher => (Cipher?)cipher).FirstOrDefault();
                connection.CipherId = chosen;
                contexts.Add(new EncryptionCapabilities { Ciphers = [chosen ?? 0] });
            }
            if (request.NegotiateContexts.OfType<SigningCapabilities>().FirstOrDefault() is { } signing)
            {
                // The first of the client's algorithms this server supports; none in common: AES-CMAC.
                var chosen = signing.SigningAlgorithms.Where(server.SigningAlgorithmList.Contains).Select(algorithm => (SigningAlgorithm?)algorithm).FirstOrDefault()
                    ?? SigningAlgorithm.AesCmac;
                connection.SigningAlgorithmId = chosen;
                contexts.Add(new SigningCapabilities { SigningAlgorithms = [chosen] });
            }
        }
        var response = BuildResponse(server, connection, common);
        response.NegotiateContexts = contexts;
        var outcome = Outcome.Success(response);
        if (common == Dialect.Smb311)
        {
            var requestBytes = context.Bytes;
            outcome = outcome.WithOnEncoded(encoded =>
                connection.PreauthIntegrityHashValue = PreauthIntegrityHash.Initial.Update(requestBytes.Span).Update(encoded.Span));
        }
        return Task.FromResult(outcome);
    }

    /// <summary>Current MS-SMB2 3.3.5.4: a context type that may appear once appears twice, or a list that must not be empty is.</summary>
    private static bool HasDuplicateOrEmptyContext(IReadOnlyList<NegotiateContext> contexts)
    {
        NegotiateContextType[] once = [NegotiateContextType.EncryptionCapabilities, NegotiateContextType.CompressionCapabilities,
            NegotiateContextType.RdmaTransformCapabilities, NegotiateContextType.SigningCapabilities];
        if (once.Any(type => contexts.Count(context => context.ContextType == type) > 1))
        {
            return true;
        }
        return contexts.Any(context => context switch
        {
            SigningCapabilities signing => signing.SigningAlgorithms.Count == 0,
            CompressionCapabilities compression => compression.CompressionAlgorithms.Count == 0,
            RawNegotiateContext { ContextType: NegotiateContextType.RdmaTransformCapabilities } rdma => rdma.Data.Length < 2 || rdma.Data.Span.U16(0) == 0,
            _ => false,
        });
    }

    /// <summary>3.3.5.3.1: answers "SMB 2.???" with the wildcard 0x02FF, "SMB 2.002" alone with 2.0.2 (3.3.5.3.2).</summary>
    public static Outcome HandleSmb1(Server server, Connection connection, Smb1NegotiateRequest request)
    {
        var dialects = request.DialectStrings.ToList();
        Dialect selected;
        if (dialects.Contains("SMB 2.???") && server.MaxDialect >= Dialect.Smb210)
        {
            selected = Dialect.Smb2Wildcard;
        }
        else if (dialects.Contains("SMB 2.002"))
        {
            selected = Dialect.Smb202;
        }
        else
        {
            return Outcome.Disconnect("SMB_COM_NEGOTIATE offers no SMB2 dialect (3.3.5.3.2)");
        }
        var response = BuildResponse(server, connection, selected);
        if (selected == Dialect.Smb2Wildcard)
        {
            connection.NegotiateDialect = (ushort)Dialect.Smb2Wildcard;
            connection.Dialect = null;
        }
        return Outcome.Success(response);
    }

    private static NegotiateResponse BuildResponse(Server server, Connection connection, Dialect dialect)
    {
        connection.NegotiateDialect = (ushort)dialect;
        connection.Dialect = dialect;
        // Our Direct TCP listener plays the part of port 445: multi-credit for 2.1 and later.
        connection.SupportsMultiCredit = dialect != Dialect.Smb202;
        var capabilities = GlobalCapabilities.None;
        if (server.IsDfsCapable)
        {
            capabilities |= GlobalCapabilities.Dfs;
        }
        if (server.IsLeasingSupported && dialect != Dialect.Smb202)
        {
            capabilities |= GlobalCapabilities.Leasing;
        }
        if (connection.SupportsMultiCredit)
        {
            capabilities |= GlobalCapabilities.LargeMtu;
        }
        if (dialect.IsSmb3() && server.IsDirectoryLeasingSupported && (connection.ClientCapabilities & GlobalCapabilities.DirectoryLeasing) != 0)
        {
            capabilities |= GlobalCapabilities.DirectoryLeasing;
        }
        if (dialect.IsSmb3() && server.IsPersistentHandlesSupported && (connection.ClientCapabilities & GlobalCapabilities.PersistentHandles) != 0)
        {
            capabilities |= GlobalCapabilities.PersistentHandles;
        }
        if (dialect is Dialect.Smb300 or Dialect.Smb302)
        {
            if (server.IsMultiChannelCapable && (connection.ClientCapabilities & GlobalCapabilities.MultiChannel) != 0)
            {
                capabilities |= GlobalCapabilities.MultiChannel;
            }
            if (server.IsEncryptionSupported && (connection.ClientCapabilities & GlobalCapabilities.Encryption) != 0)
            {
                capabilities |= GlobalCapabilities.Encryption;
            }
        }
        else if (dialect == Dialect.Smb311)
        {
            if (server.IsMultiChannelCapable && (connection.ClientCapabilities & GlobalCapabilities.MultiChannel) != 0)
            {
                capabilities |= GlobalCapabilities.MultiChannel;
            }
            if (server.IsServerToClientNotificationsSupported && (connection.ClientCapabilities & GlobalCapabilities.Notifications) != 0)
            {
                capabilities |= GlobalCapabilities.Notifications;
            }
        }
        // Current MS-SMB2 3.3.5.4: Connection.SupportsNotifications is exactly "the response carries the bit".
        connection.SupportsNotifications = (capabilities & GlobalCapabilities.Notifications) != 0;
        var securityMode = SecurityMode.SigningEnabled | (server.RequireMessageSigning ? SecurityMode.SigningRequired : 0);
        // 2.0.2 has no multi-credit: at most 64 KiB per request. The connection keeps what the response announces (3.3.5.3.x, 3.3.5.4).
        var small = dialect is Dialect.Smb202 or Dialect.Smb2Wildcard;
        connection.MaxTransactSize = small ? 65536 : server.MaxTransactSize;
        connection.MaxReadSize = small ? 65536 : server.MaxReadSize;
        connection.MaxWriteSize = small ? 65536 : server.MaxWriteSize;
        connection.ServerSecurityMode = securityMode;
        connection.ServerCapabilities = capabilities;
        return new NegotiateResponse
        {
            SecurityMode = securityMode,
            DialectRevision = dialect,
            ServerGuid = server.ServerGuid,
            Capabilities = capabilities,
            MaxTransactSize = connection.MaxTransactSize,
            MaxReadSize = connection.MaxReadSize,
            MaxWriteSize = connection.MaxWriteSize,
            SystemTime = (ulong)server.Clock.GetUtcNow().ToFileTime(),
            ServerStartTime = server.ServerStartTime,
            SecurityBuffer = SpnegoHint,
        };
    }

    /// <summary>The server-initiated NegTokenInit2 (MS-SPNG 3.2.5.2) naming NTLMSSP, with the customary hint.</summary>
    private static readonly byte[] SpnegoHint = new NegTokenInit
    {
        MechTypes = [SpnegoOids.Ntlmssp],
        NegHints = new NegHints { HintName = NegHints.PleaseIgnore },
    }.ToArray();
}
