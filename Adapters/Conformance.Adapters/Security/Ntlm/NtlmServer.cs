using System.Security.Cryptography;
using Conformance.Adapters.Security.Crypto;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// The server side of NTLMv2 (MS-NLMP 3.2.5): produces a CHALLENGE_MESSAGE with AV pairs and a
/// timestamp, and verifies an AUTHENTICATE_MESSAGE against a user table: NTProofStr, MIC, and the
/// KEY_EXCH session key. <see cref="Verify"/> also checks a recorded exchange.
/// </summary>
public sealed class NtlmServer(IEnumerable<NtlmCredential> users, IRandomSource? random = null, TimeProvider? time = null)
{
    /// <summary>What the server offers; the CHALLENGE_MESSAGE carries those the client asked for, plus TARGET_INFO and TARGET_TYPE_SERVER.</summary>
    public const NegotiateFlags DefaultFlags =
        NegotiateFlags.NegotiateUnicode | NegotiateFlags.RequestTarget | NegotiateFlags.NegotiateSign | NegotiateFlags.NegotiateSeal
        | NegotiateFlags.NegotiateNtlm | NegotiateFlags.NegotiateAlwaysSign | NegotiateFlags.NegotiateExtendedSessionSecurity
        | NegotiateFlags.NegotiateTargetInfo | NegotiateFlags.NegotiateVersion | NegotiateFlags.Negotiate128
        | NegotiateFlags.NegotiateKeyExchange | NegotiateFlags.Negotiate56;

    private readonly IReadOnlyList<NtlmCredential> users = users.ToList();
    private readonly IRandomSource random = random ?? SystemRandomSource.Instance;
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private byte[]? negotiateMessage;
    private byte[]? challengeMessage;

    public NegotiateFlags SupportedFlags { get; set; } = DefaultFlags;
    public NtlmVersion? Version { get; set; } = new(10, 0, 20348);
    public string NbComputerName { get; set; } = "SERVER";
    public string NbDomainName { get; set; } = "WORKGROUP";
    public string DnsComputerName { get; set; } = "server";
    public string DnsDomainName { get; set; } = "";

    /// <summary>Accept an unknown user as guest (with no session key), as "map to guest = bad user" does.</summary>
    public bool AllowGuest { get; set; }

    public bool AllowAnonymous { get; set; } = true;

    /// <summary>Produces the CHALLENGE_MESSAGE for a received NEGOTIATE_MESSAGE, remembering both for <see cref="Authenticate"/>.</summary>
    public DecodeResult<byte[]> CreateChallenge(ReadOnlyMemory<byte> negotiate)
    {
        var decoded = NegotiateMessage.Read(negotiate);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }
        var requested = decoded.Value.NegotiateFlags;
        var flags = (requested & SupportedFlags) | NegotiateFlags.NegotiateTargetInfo | NegotiateFlags.TargetTypeServer;
        if ((flags & NegotiateFlags.NegotiateUnicode) == 0 && (requested & NegotiateFlags.NegotiateOem) != 0)
        {
            flags |= NegotiateFlags.NegotiateOem;
        }
        if (Version is not null)
        {
            flags |= NegotiateFlags.NegotiateVersion;
        }
        var serverChallenge = new byte[ChallengeMessage.ServerChallengeLength];
        random.Fill(serverChallenge);
        var timestamp = new byte[8];
        timestamp.AsSpan().U64(0, (ulong)time.GetUtcNow().ToFileTime());
        var message = new ChallengeMessage
        {
            TargetName = NbComputerName,
            NegotiateFlags = flags,
            ServerChallenge = serverChallenge,
            Version = Version,
            TargetInfo = new AvPairList(
            [
                AvPair.FromString(AvId.MsvAvNbDomainName, NbDomainName),
                AvPair.FromString(AvId.MsvAvNbComputerName, NbComputerName),
                AvPair.FromString(AvId.MsvAvDnsDomainName, DnsDomainName),
                AvPair.FromString(AvId.MsvAvDnsComputerName, DnsComputerName),
                new AvPair(AvId.MsvAvTimestamp, timestamp),
            ]),
        };
        negotiateMessage = negotiate.ToArray();
        challengeMessage = message.ToArray();
        return challengeMessage;
    }

    /// <summary>Verifies an AUTHENTICATE_MESSAGE against the exchange begun by <see cref="CreateChallenge"/>.</summary>
    public NtlmAuthenticationResult Authenticate(ReadOnlyMemory<byte> authenticate) =>
        negotiateMessage is null || challengeMessage is null
            ? NtlmAuthenticationResult.LogonFailure("no CHALLENGE_MESSAGE was sent before this AUTHENTICATE_MESSAGE")
            : Verify(negotiateMessage, challengeMessage, authenticate);

    /// <summary>Verifies an AUTHENTICATE_MESSAGE against a given (for instance recorded) NEGOTIATE and CHALLENGE (MS-NLMP 3.2.5.1.2).</summary>
    public NtlmAuthenticationResult Verify(ReadOnlyMemory<byte> negotiate, ReadOnlyMemory<byte> challenge, ReadOnlyMemory<byte> authenticate)
    {
        var decodedChallenge = ChallengeMessage.Read(challenge);
        if (!decodedChallenge.IsSuccess)
        {
            return new NtlmAuthenticationResult(NtStatus.InvalidParameter, NtlmLogonKind.None, decodedChallenge.Error.ToString());
        }
        var decoded = AuthenticateMessage.Read(authenticate);
        if (!decoded.IsSuccess)
        {
            return new NtlmAuthenticationResult(NtStatus.InvalidParameter, NtlmLogonKind.None, decoded.Error.ToString());
        }
        var message = decoded.Value;
        if (message.IsAnonymous)
        {
            return AllowAnonymous
                ? new NtlmAuthenticationResult(NtStatus.Success, NtlmLogonKind.Anonymous, "anonymous AUTHENTICATE_MESSAGE") { NegotiateFlags = message.NegotiateFlags }
                : NtlmAuthenticationResult.LogonFailure("anonymous logon is not allowed");
        }
        var user = users.FirstOrDefault(candidate =>
            string.Equals(candidate.User, message.UserName, StringComparison.OrdinalIgnoreCase)
            && (candidate.Domain is null || string.Equals(candidate.Domain, message.DomainName, StringComparison.OrdinalIgnoreCase)));
        if (user is null)
        {
            return AllowGuest
                ? new NtlmAuthenticationResult(NtStatus.Success, NtlmLogonKind.Guest, $"unknown user {message.DomainName}\\{message.UserName} mapped to guest")
                { UserName = message.UserName, DomainName = message.DomainName, NegotiateFlags = message.NegotiateFlags }
                : NtlmAuthenticationResult.LogonFailure($"unknown user {message.DomainName}\\{message.UserName}");
        }
        var ntResponse = message.NtChallengeResponse;
        if (ntResponse.Length < NtlmV2.NtProofStrLength + 28)
        {
            return NtlmAuthenticationResult.LogonFailure($"NtChallengeResponse of {ntResponse.Length} bytes is not an NTLMv2_RESPONSE (NTLMv1 is not accepted)");
        }
        var temp = ntResponse[NtlmV2.NtProofStrLength..];
        var clientChallenge = NtlmV2ClientChallenge.Read(temp);
        if (!clientChallenge.IsSuccess)
        {
            return new NtlmAuthenticationResult(NtStatus.InvalidParameter, NtlmLogonKind.None, clientChallenge.Error.ToString());
        }

        // The user name and domain as the client sent them are what it hashed (MS-NLMP 3.3.2).
        var responseKey = NtlmV2.Ntowfv2(user.Password, message.UserName, message.DomainName);
        var ntProofStr = NtlmV2.ComputeNtProofStr(responseKey, decodedChallenge.Value.ServerChallenge, temp.Span);
        if (!CryptographicOperations.FixedTimeEquals(ntProofStr, ntResponse.Span[..NtlmV2.NtProofStrLength]))
        {
            return NtlmAuthenticationResult.LogonFailure("NTProofStr does not match the password");
        }
        var sessionBaseKey = NtlmV2.ComputeSessionBaseKey(responseKey, ntProofStr);
        var exportedSessionKey = sessionBaseKey;
        if ((message.NegotiateFlags & NegotiateFlags.NegotiateKeyExchange) != 0)
        {
            if (message.EncryptedRandomSessionKey.Length != NtlmKeys.SessionKeyLength)
            {
                return NtlmAuthenticationResult.LogonFailure($"KEY_EXCH negotiated but EncryptedRandomSessionKey is {message.EncryptedRandomSessionKey.Length} bytes");
            }
            exportedSessionKey = NtlmKeys.Rc4K(sessionBaseKey, message.EncryptedRandomSessionKey.Span);
        }

        var micVerified = false;
        if (((clientChallenge.Value.AvPairs.Flags ?? AvFlags.None) & AvFlags.MicPresent) != 0)
        {
            if (message.Mic is null)
            {
                return NtlmAuthenticationResult.LogonFailure("MsvAvFlags announces a MIC but the message has none");
            }
            var expected = NtlmKeys.ComputeMic(exportedSessionKey, negotiate.Span, challenge.Span, authenticate.Span);
            if (!CryptographicOperations.FixedTimeEquals(expected, message.Mic))
            {
                return NtlmAuthenticationResult.LogonFailure("MIC does not match");
            }
            micVerified = true;
        }
        return new NtlmAuthenticationResult(NtStatus.Success, NtlmLogonKind.User, $"{message.DomainName}\\{message.UserName} authenticated")
        {
            ExportedSessionKey = exportedSessionKey,
            SessionBaseKey = sessionBaseKey,
            UserName = message.UserName,
            DomainName = message.DomainName,
            NegotiateFlags = message.NegotiateFlags,
            MicVerified = micVerified,
        };
    }
}
