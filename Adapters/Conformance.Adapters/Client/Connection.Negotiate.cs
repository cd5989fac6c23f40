using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Client;

/// <summary>NEGOTIATE: 3.2.4.2.2.2 (sending) and 3.2.5.2 (receiving).</summary>
public sealed partial class Connection
{
    /// <summary>Negotiates with the request <paramref name="options"/> describe (defaults: <see cref="NegotiateOptions"/>).</summary>
    public Task<Smb2Response<NegotiateResponse>> NegotiateAsync(NegotiateOptions? options = null, CancellationToken cancellationToken = default) =>
        NegotiateAsync((options ?? new NegotiateOptions()).BuildRequest(ClientGuid), cancellationToken);

    /// <summary>
    /// Sends <paramref name="request"/> and, on STATUS_SUCCESS, takes the negotiated state of 3.2.5.2:
    /// Dialect, ServerGuid, sizes, capabilities, security modes, RequireSigning, the Supports* flags,
    /// GSSNegotiateToken, and for 3.1.1 PreauthIntegrityHashId/Value, CipherId, SigningAlgorithmId.
    /// Any other status comes back as the response, the state untouched.
    /// </summary>
    public async Task<Smb2Response<NegotiateResponse>> NegotiateAsync(NegotiateRequest request, CancellationToken cancellationToken = default)
    {
        var pending = (await PostAsync([new Smb2Request(Smb2Message.For(request))], cancellationToken).ConfigureAwait(false))[0]!;
        var raw = await pending.WaitAsync(null, cancellationToken).ConfigureAwait(false);
        var response = Smb2Response<NegotiateResponse>.From(raw);
        if (response is { IsSuccess: true, Body: { } body })
        {
            Apply(request, body, pending.SentBytes.Span, raw.Bytes.Span);
        }
        return response;
    }

    private void Apply(NegotiateRequest request, NegotiateResponse body, ReadOnlySpan<byte> requestBytes, ReadOnlySpan<byte> responseBytes)
    {
        ClientSecurityMode = request.SecurityMode;
        ClientCapabilities = request.Capabilities;
        SentClientGuid = request.ClientGuid;
        Client.Negotiated(request.ClientGuid);
        ClientDialects = [.. request.Dialects];
        // 2.??? is the answer to a multi-protocol negotiate: the dialect stays "Unknown" until an SMB2 NEGOTIATE (3.2.5.2).
        Dialect = body.DialectRevision == Wire.Dialect.Smb2Wildcard ? null : body.DialectRevision;
        ServerGuid = body.ServerGuid;
        MaxTransactSize = body.MaxTransactSize;
        MaxReadSize = body.MaxReadSize;
        MaxWriteSize = body.MaxWriteSize;
        ServerSecurityMode = body.SecurityMode;
        ServerCapabilities = body.Capabilities;
        RequireSigning = (body.SecurityMode & SecurityMode.SigningRequired) != 0;
        GSSNegotiateToken = body.SecurityBuffer.ToArray();
        var atLeast21 = Dialect is { } dialect && dialect != Wire.Dialect.Smb202;
        var smb3 = Dialect is { } three && three.IsSmb3();
        SupportsFileLeasing = atLeast21 && (body.Capabilities & GlobalCapabilities.Leasing) != 0;
        SupportsMultiCredit = atLeast21 && (body.Capabilities & GlobalCapabilities.LargeMtu) != 0;
        SupportsDirectoryLeasing = smb3 && (body.Capabilities & GlobalCapabilities.DirectoryLeasing) != 0;
        SupportsMultiChannel = smb3 && (body.Capabilities & GlobalCapabilities.MultiChannel) != 0;
        SupportsPersistentHandles = smb3 && (body.Capabilities & GlobalCapabilities.PersistentHandles) != 0;
        SupportsEncryption = smb3 && Dialect != Wire.Dialect.Smb311 && (body.Capabilities & GlobalCapabilities.Encryption) != 0;
        if (Dialect != Wire.Dialect.Smb311)
        {
            return;
        }
        // Current MS-SMB2 3.2.5.2 for 3.1.1: the hash covers the NEGOTIATE request and response;
        // the server's contexts name the hash, the cipher (0: none) and the signing algorithm.
        PreauthIntegrityHashValue = PreauthIntegrityHash.Initial.Update(requestBytes).Update(responseBytes);
        foreach (var context in body.NegotiateContexts)
        {
            switch (context)
            {
                case PreauthIntegrityCapabilities preauth when preauth.HashAlgorithms.Count > 0:
                    PreauthIntegrityHashId = preauth.HashAlgorithms[0];
                    break;
                case EncryptionCapabilities encryption when encryption.Ciphers.Count > 0:
                    CipherId = encryption.Ciphers[0] == 0 ? null : encryption.Ciphers[0];
                    break;
                case SigningCapabilities signing when signing.SigningAlgorithms.Count > 0:
                    SigningAlgorithmId = signing.SigningAlgorithms[0];
                    break;
            }
        }
        SupportsEncryption = CipherId is not null;
    }
}
