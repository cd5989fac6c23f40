using Conformance.Adapters.Security.Crypto;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// The client side of NTLMv2 (MS-NLMP 3.1.5.1): produces the NEGOTIATE_MESSAGE, consumes the
/// CHALLENGE_MESSAGE and produces the AUTHENTICATE_MESSAGE, with a MIC when the challenge carries
/// MsvAvTimestamp; <see cref="ExportedSessionKey"/> is the result.
/// </summary>
public sealed class NtlmClient(NtlmCredential credential, IRandomSource? random = null, TimeProvider? time = null)
{
    /// <summary>What smbclient (Samba 4.17) sends: 0x62088215.</summary>
    public const NegotiateFlags DefaultFlags =
        NegotiateFlags.NegotiateUnicode | NegotiateFlags.RequestTarget | NegotiateFlags.NegotiateSign | NegotiateFlags.NegotiateNtlm
        | NegotiateFlags.NegotiateAlwaysSign | NegotiateFlags.NegotiateExtendedSessionSecurity | NegotiateFlags.NegotiateVersion
        | NegotiateFlags.Negotiate128 | NegotiateFlags.NegotiateKeyExchange;

    private readonly IRandomSource random = random ?? SystemRandomSource.Instance;
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private byte[]? negotiateMessage;

    public NtlmCredential Credential { get; } = credential;
    public NegotiateFlags NegotiateFlags { get; set; } = DefaultFlags;
    public NtlmVersion? Version { get; set; } = new(6, 1, 0);
    public string Workstation { get; set; } = "";

    /// <summary>The SPN sent as MsvAvTargetName ("cifs/server"); null sends none.</summary>
    public string? TargetName { get; set; }

    /// <summary>MsvAvChannelBindings value (16 bytes, MD5 of the channel bindings; Z(16) when there are none); null sends none.</summary>
    public byte[]? ChannelBindings { get; set; }

    /// <summary>Overrides the AUTHENTICATE_MESSAGE's NegotiateFlags (null: the client's flags that the challenge also carries).</summary>
    public NegotiateFlags? AuthenticateFlags { get; set; }

    public IReadOnlyList<AuthenticatePayloadField> AuthenticatePayloadOrder { get; set; } = AuthenticateMessage.FieldOrder;

    public byte[]? ExportedSessionKey { get; private set; }
    public byte[]? SessionBaseKey { get; private set; }
    public NegotiateFlags NegotiatedFlags { get; private set; }

    /// <summary>Whether the AUTHENTICATE_MESSAGE carried a MIC.</summary>
    public bool MicSent { get; private set; }

    public byte[] CreateNegotiate()
    {
        negotiateMessage = new NegotiateMessage { NegotiateFlags = NegotiateFlags, Version = Version }.ToArray();
        return negotiateMessage;
    }

    /// <summary>Produces the AUTHENTICATE_MESSAGE for a received CHALLENGE_MESSAGE, or the error that prevented reading it.</summary>
    public DecodeResult<byte[]> CreateAuthenticate(ReadOnlyMemory<byte> challengeMessage)
    {
        var decoded = ChallengeMessage.Read(challengeMessage);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }
        var challenge = decoded.Value;
        negotiateMessage ??= CreateNegotiate();
        NegotiatedFlags = AuthenticateFlags ?? (NegotiateFlags & challenge.NegotiateFlags);
        var message = new AuthenticateMessage
        {
            NegotiateFlags = NegotiatedFlags,
            Version = Version,
            Workstation = Workstation,
            PayloadOrder = AuthenticatePayloadOrder,
        };
        if (Credential.IsAnonymous)
        {
            // MS-NLMP 3.3.2: anonymous sends NtChallengeResponse Z(0) and LmChallengeResponse Z(1).
            message.NegotiateFlags |= NegotiateFlags.Anonymous;
            message.LmChallengeResponse = new byte[1];
            ExportedSessionKey = null;
            if ((NegotiatedFlags & NegotiateFlags.NegotiateKeyExchange) != 0)
            {
                // MS-NLMP 3.1.5.1.2: with KEY_EXCH negotiated the client always sends
                // EncryptedRandomSessionKey = RC4K(KeyExchangeKey, ExportedSessionKey); anonymous
                // computes no response key (3.3.2), so its SessionBaseKey (= KeyExchangeKey) is Z(16).
                SessionBaseKey = new byte[NtlmKeys.SessionKeyLength];
                ExportedSessionKey = new byte[NtlmKeys.SessionKeyLength];
                random.Fill(ExportedSessionKey);
                message.EncryptedRandomSessionKey = NtlmKeys.Rc4K(SessionBaseKey, ExportedSessionKey);
            }
            return message.ToArray();
        }

        message.DomainName = Credential.Domain ?? "";
        message.UserName = Credential.User;
        var serverPairs = challenge.TargetInfo ?? new AvPairList();
        var clientPairs = new AvPairList(serverPairs.Pairs);
        var serverTimestamp = serverPairs.Timestamp;
        MicSent = serverTimestamp is not null;
        if (MicSent)
        {
            // MS-NLMP 3.1.5.1.2: with MsvAvTimestamp, the client provides a MIC and says so in MsvAvFlags.
            var flags = (clientPairs.Flags ?? AvFlags.None) | AvFlags.MicPresent;
            var value = new byte[4];
            value.AsSpan().U32(0, (uint)flags);
            clientPairs.Set(new AvPair(AvId.MsvAvFlags, value));
        }
        if (ChannelBindings is not null)
        {
            clientPairs.Set(new AvPair(AvId.MsvAvChannelBindings, ChannelBindings));
        }
        if (TargetName is not null)
        {
            clientPairs.Set(AvPair.FromString(AvId.MsvAvTargetName, TargetName));
        }

        var clientChallenge = new byte[8];
        random.Fill(clientChallenge);
        var temp = new NtlmV2ClientChallenge
        {
            TimeStamp = serverTimestamp ?? (ulong)time.GetUtcNow().ToFileTime(),
            ChallengeFromClient = clientChallenge,
            AvPairs = clientPairs,
        }.ToArray();
        var responseKey = NtlmV2.Ntowfv2(Credential.Password, Credential.User, Credential.Domain ?? "");
        var ntResponse = NtlmV2.ComputeNtChallengeResponse(responseKey, challenge.ServerChallenge, temp);
        message.NtChallengeResponse = ntResponse;
        // MS-NLMP 3.1.5.1.2: with MsvAvTimestamp the client sends Z(24) instead of the LMv2 response.
        message.LmChallengeResponse = MicSent ? new byte[24] : NtlmV2.ComputeLmV2Response(responseKey, challenge.ServerChallenge, clientChallenge);
        SessionBaseKey = NtlmV2.ComputeSessionBaseKey(responseKey, ntResponse.AsSpan(0, NtlmV2.NtProofStrLength));

        if ((NegotiatedFlags & NegotiateFlags.NegotiateKeyExchange) != 0)
        {
            ExportedSessionKey = new byte[NtlmKeys.SessionKeyLength];
            random.Fill(ExportedSessionKey);
            message.EncryptedRandomSessionKey = NtlmKeys.Rc4K(SessionBaseKey, ExportedSessionKey);
        }
        else
        {
            ExportedSessionKey = SessionBaseKey;
        }

        if (!MicSent)
        {
            return message.ToArray();
        }
        message.Mic = new byte[AuthenticateMessage.MicLength];
        var bytes = message.ToArray();
        NtlmKeys.ComputeMic(ExportedSessionKey, negotiateMessage, challengeMessage.Span, bytes)
            .CopyTo(bytes, AuthenticateMessage.MicOffset);
        return bytes;
    }
}
