using System.Security.Cryptography;
using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using HashAlgorithm = Conformance.Adapters.Wire.NegotiateContexts.HashAlgorithm;

namespace Conformance.Scenarios.Negotiate;

/// <summary>
/// How a 3.1.1 server treats the request's NegotiateContextList (current MS-SMB2 3.3.5.4, 2.2.3.1):
/// what must fail with which status, what must be ignored, and how each algorithm is chosen.
/// </summary>
public static class NegotiateContextRuleScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N03"], Title = "3.1.1 without a PREAUTH_INTEGRITY_CAPABILITIES context (encryption and signing only): STATUS_INVALID_PARAMETER")]
    public static async Task MissingPreauthContextIsInvalidParameter(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.RemoveAll(c => c is PreauthIntegrityCapabilities));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N03", "NEGOTIATE at 3.1.1 without a preauth context", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N03"], Title = "3.1.1 with NegotiateContextCount 0: STATUS_INVALID_PARAMETER")]
    public static async Task NoNegotiateContextsIsInvalidParameter(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.Clear());
        context.CheckStatus("3.3.5.4", "3.3.5.4#N03", "NEGOTIATE at 3.1.1 with NegotiateContextCount 0", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N03"], Title = "3.1.1 with two PREAUTH_INTEGRITY_CAPABILITIES contexts: STATUS_INVALID_PARAMETER")]
    public static async Task DuplicatePreauthContextIsInvalidParameter(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.Add(Preauth()));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N03", "NEGOTIATE at 3.1.1 with two preauth contexts (not exactly one)", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N04"], Title = "3.1.1 with two ENCRYPTION_CAPABILITIES contexts: STATUS_INVALID_PARAMETER")]
    public static async Task DuplicateEncryptionContextIsInvalidParameter(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.Add(new EncryptionCapabilities { Ciphers = [Cipher.Aes128Gcm] }));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N04", "NEGOTIATE at 3.1.1 with two encryption contexts (a type allowed once)", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N04"], Title = "3.1.1 with two SIGNING_CAPABILITIES contexts: STATUS_INVALID_PARAMETER")]
    public static async Task DuplicateSigningContextIsInvalidParameter(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.Add(new SigningCapabilities { SigningAlgorithms = [SigningAlgorithm.AesCmac] }));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N04", "NEGOTIATE at 3.1.1 with two signing contexts (a type allowed once)", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N06"], Title = "3.1.1 preauth context offering only an unknown hash: STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP")]
    public static async Task NoHashOverlapFails(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => Replace(contexts, Preauth([(HashAlgorithm)0x7F00])));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N06", "NEGOTIATE at 3.1.1 offering hash 0x7F00 only", NtStatus.SmbNoPreauthIntegrityHashOverlap, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N06"], Title = "3.1.1 preauth context with HashAlgorithmCount 0: refused (no overlap; STATUS_INVALID_PARAMETER also accepted)")]
    public static async Task EmptyHashAlgorithmsFails(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => Replace(contexts, Preauth([])));
        // An empty array has no hash the server supports (3.3.5.4 -> HASH_OVERLAP); the client broke the
        // MUST of 2.2.3.1.1, and a server that rejects the malformed context outright is not wrong either.
        context.CheckStatusIn("3.3.5.4", "3.3.5.4#N06", "NEGOTIATE at 3.1.1 with HashAlgorithmCount 0", response.Status,
            NtStatus.SmbNoPreauthIntegrityHashOverlap, NtStatus.InvalidParameter);
        context.Observe($"HashAlgorithmCount 0 answered {NtStatus.Describe(response.Status)}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N05"], Title = "3.1.1 preauth context with DataLength 2 (shorter than its fixed fields): STATUS_INVALID_PARAMETER")]
    public static async Task ShortPreauthContextIsInvalidParameter(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => Replace(contexts,
            new RawNegotiateContext(NegotiateContextType.PreauthIntegrityCapabilities, new byte[] { 0x01, 0x00 })));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N05", "NEGOTIATE at 3.1.1 with a 2-byte preauth context", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N05"], Title = "3.1.1 encryption context with DataLength 1 (shorter than CipherCount): STATUS_INVALID_PARAMETER")]
    public static async Task ShortEncryptionContextIsInvalidParameter(ScenarioContext context)
    {
        // 3.3.5.4#N05 binds only a server that processes encryption contexts; one without encryption ignores them.
        RequireEncryption(context);
        var response = await OfferSmb311Async(context, contexts => Replace(contexts,
            new RawNegotiateContext(NegotiateContextType.EncryptionCapabilities, new byte[] { 0x01 })));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N05", "NEGOTIATE at 3.1.1 with a 1-byte encryption context", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N05"], Title = "3.1.1 signing context with SigningAlgorithmCount 0: STATUS_INVALID_PARAMETER")]
    public static async Task EmptySigningAlgorithmsIsInvalidParameter(ScenarioContext context)
    {
        // 3.3.5.4#N05 binds only a server that processes signing contexts; one without them ignores the context.
        RequireSigningCapabilities(context);
        var response = await OfferSmb311Async(context, contexts => Replace(contexts, new SigningCapabilities { SigningAlgorithms = [] }));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N05", "NEGOTIATE at 3.1.1 with SigningAlgorithmCount 0", NtStatus.InvalidParameter, response.Status);
    }

    // CipherCount 0 breaks the request's own rule (2.2.3.1.2: the count MUST be greater than zero), yet
    // 3.3.5.4's list of zero counts that fail the request does not name it: refusing it with
    // STATUS_INVALID_PARAMETER and treating it as "no common cipher" (answering cipher 0) both stay
    // within the spec. The scenario checks the answer is one of the two and records which.
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.2", Requirements = ["3.3.5.4#N08", "3.3.5.4#N11", "2.2.4.1.2#N01"], Title = "3.1.1 encryption context with CipherCount 0: refused, or answered with cipher 0 (none)")]
    public static async Task EmptyCipherListIsRefusedOrAnsweredWithNoCipher(ScenarioContext context)
    {
        RequireEncryption(context);
        var response = await OfferSmb311Async(context, contexts => Replace(contexts, new EncryptionCapabilities { Ciphers = [] }));
        context.CheckStatusIn("3.3.5.4", "3.3.5.4#N08", "NEGOTIATE at 3.1.1 with CipherCount 0", response.Status, NtStatus.Success, NtStatus.InvalidParameter);
        if (response.Status == NtStatus.InvalidParameter)
        {
            context.Observe("CipherCount 0 refused with STATUS_INVALID_PARAMETER (2.2.3.1.2: the count MUST be greater than zero)");
            return;
        }
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        var encryption = body.NegotiateContexts.OfType<EncryptionCapabilities>().ToList();
        context.CheckEqual("3.3.5.4", "3.3.5.4#N11", "number of ENCRYPTION_CAPABILITIES contexts in the response", 1, encryption.Count);
        context.CheckEqual("2.2.4.1.2", "2.2.4.1.2#N01", "Ciphers answered to CipherCount 0", "[0]", $"[{string.Join(", ", encryption[0].Ciphers.Select(cipher => (ushort)cipher))}]");
        context.Observe("CipherCount 0 accepted as 'no common cipher' (cipher 0)");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N08", "3.3.5.4#N11"], Title = "3.1.1 cipher choice: always one offered and supported; whether it follows the client's order is observed")]
    public static async Task CipherChoiceWithinClientOffer(ScenarioContext context)
    {
        RequireEncryption(context);
        if (context.Capabilities.Ciphers.Count < 2)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} supports fewer than two ciphers ({string.Join(", ", context.Capabilities.Ciphers)}): no order to choose from");
        }
        foreach (var offered in new[] { context.Capabilities.Ciphers.Order().ToList(), context.Capabilities.Ciphers.OrderDescending().ToList() })
        {
            var body = await SucceedSmb311Async(context, contexts => Replace(contexts, new EncryptionCapabilities { Ciphers = offered }), "3.3.5.4#N08", $"ciphers [{string.Join(", ", offered)}]");
            var encryption = body.NegotiateContexts.OfType<EncryptionCapabilities>().ToList();
            context.CheckEqual("3.3.5.4", "3.3.5.4#N11", "number of ENCRYPTION_CAPABILITIES contexts in the response", 1, encryption.Count);
            var chosen = encryption[0].Ciphers.FirstOrDefault();
            context.CheckTrue("3.3.5.4", "3.3.5.4#N08", $"cipher chosen from [{string.Join(", ", offered)}]", offered.Contains(chosen), "one of the offered ciphers", chosen.ToString());
            context.Observe($"offered [{string.Join(", ", offered)}]: chose {chosen}{(chosen == offered[0] ? " (the client's first)" : " (not the client's first: server preference)")}");
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.7", Requirements = ["3.3.5.4#N09", "2.2.4.1.7#N01"], Title = "3.1.1 signing algorithm choice: always one offered; whether it follows the client's order is observed")]
    public static async Task SigningChoiceWithinClientOffer(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        if (context.Capabilities.SigningAlgorithms.Count < 2)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} chooses fewer than two signing algorithms ({string.Join(", ", context.Capabilities.SigningAlgorithms)}): no order to choose from");
        }
        foreach (var offered in new[] { context.Capabilities.SigningAlgorithms.Order().ToList(), context.Capabilities.SigningAlgorithms.OrderDescending().ToList() })
        {
            var body = await SucceedSmb311Async(context, contexts => Replace(contexts, new SigningCapabilities { SigningAlgorithms = offered }), "3.3.5.4#N09", $"signing algorithms [{string.Join(", ", offered)}]");
            var signing = body.NegotiateContexts.OfType<SigningCapabilities>().SingleOrDefault();
            if (signing is null)
            {
                context.Fail("3.3.5.4", "3.3.5.4#N09", $"signing context answered to [{string.Join(", ", offered)}]", "one SIGNING_CAPABILITIES context (the server chose these algorithms when offered alone)", "none");
            }
            context.CheckEqual("2.2.4.1.7", "2.2.4.1.7#N01", "SigningAlgorithmCount of the response", 1, signing.SigningAlgorithms.Count);
            var chosen = signing.SigningAlgorithms[0];
            context.CheckTrue("3.3.5.4", "3.3.5.4#N09", $"signing algorithm chosen from [{string.Join(", ", offered)}]", offered.Contains(chosen), "one of the offered algorithms", chosen.ToString());
            context.Observe($"offered [{string.Join(", ", offered)}]: chose {chosen}{(chosen == offered[0] ? " (the client's first)" : " (not the client's first: server preference)")}");
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.7", Requirements = ["3.3.5.4#N12", "2.2.4.1.7#N01"], Title = "3.1.1 signing context offering AES-CMAC, AES-GMAC and HMAC-SHA256: the response carries exactly one SIGNING_CAPABILITIES context naming one of them")]
    public static async Task SigningContextIsAnsweredOnce(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        if (context.Capabilities.SigningAlgorithms.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} answered no signing algorithm offered alone: it does not negotiate signing algorithms (SMB2_SIGNING_CAPABILITIES)");
        }
        List<SigningAlgorithm> offered = [SigningAlgorithm.AesCmac, SigningAlgorithm.AesGmac, SigningAlgorithm.HmacSha256];
        var body = await SucceedSmb311Async(context, contexts => Replace(contexts, new SigningCapabilities { SigningAlgorithms = offered }), "3.3.5.4#N12", "signing algorithms [AesCmac, AesGmac, HmacSha256]");
        var signing = body.NegotiateContexts.OfType<SigningCapabilities>().ToList();
        context.CheckEqual("3.3.5.4", "3.3.5.4#N12", "SIGNING_CAPABILITIES contexts in the response", 1, signing.Count);
        context.CheckEqual("2.2.4.1.7", "2.2.4.1.7#N01", "SigningAlgorithmCount of the response", 1, signing[0].SigningAlgorithms.Count);
        context.CheckTrue("3.3.5.4", "3.3.5.4#N12", "signing algorithm of the response context", offered.Contains(signing[0].SigningAlgorithms[0]), "one of the offered algorithms", signing[0].SigningAlgorithms[0].ToString());
        context.Observe($"chose {signing[0].SigningAlgorithms[0]}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N12", "3.3.5.4#N14"], Title = "3.1.1 signing context with no algorithm in common: success and a signing context naming AES-CMAC")]
    public static async Task NoCommonSigningAlgorithmFallsBackToAesCmac(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var body = await SucceedSmb311Async(context, contexts => Replace(contexts, new SigningCapabilities { SigningAlgorithms = [(SigningAlgorithm)0x7F00] }), "3.3.5.4#N14", "signing algorithm 0x7F00 only");
        var signing = body.NegotiateContexts.OfType<SigningCapabilities>().SingleOrDefault();
        if (signing is null && context.Capabilities.SigningAlgorithms.Count == 0)
        {
            context.Observe("no SIGNING_CAPABILITIES context in the response, from a server that never answers one: it does not process signing contexts");
            return;
        }
        context.CheckTrue("3.3.5.4", "3.3.5.4#N12", "SIGNING_CAPABILITIES context in the response when no algorithm is common",
            signing is not null, "one context naming AES-CMAC (the server processes signing contexts: it answers one when an algorithm is common)", "no signing context");
        context.CheckEqual("3.3.5.4", "3.3.5.4#N14", "signing algorithm answered when none is common", "[AesCmac]", $"[{string.Join(", ", signing!.SigningAlgorithms)}]");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.1", Requirements = ["3.3.5.4#N10", "3.3.5.4#N15"], Title = "3.1.1 an unknown context type (0x7F01) is ignored: success")]
    public static async Task UnknownContextTypeIsIgnored(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var body = await SucceedSmb311Async(context, contexts => contexts.Add(new RawNegotiateContext((NegotiateContextType)0x7F01, new byte[] { 1, 2, 3, 4, 5 })), "3.3.5.4#N15", "an unknown context type 0x7F01");
        context.CheckEqual("3.3.5.4", "3.3.5.4#N10", "PREAUTH_INTEGRITY_CAPABILITIES contexts in the response", 1, body.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().Count());
        context.CheckTrue("3.3.5.4", "3.3.5.4#N15", "response contexts", body.NegotiateContexts.All(c => c.ContextType != (NegotiateContextType)0x7F01),
            "no context of the unknown type 0x7F01", string.Join("; ", body.NegotiateContexts));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.3.1", Requirements = ["3.3.5.4#N10", "2.2.3.1#N03"], Title = "3.1.1 the reserved context type 0x0100 is ignored on receipt: success")]
    public static async Task ReservedContextTypeIsIgnored(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.Add(new RawNegotiateContext((NegotiateContextType)0x0100, new byte[4])));
        context.CheckStatus("2.2.3.1", "2.2.3.1#N03", "NEGOTIATE at 3.1.1 with a context of the reserved type 0x0100", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#N10", "PREAUTH_INTEGRITY_CAPABILITIES contexts in the response", 1, body.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().Count());
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N15"], Title = "3.1.1 an SMB2_NETNAME_NEGOTIATE_CONTEXT_ID context is ignored: success")]
    public static async Task NetnameContextIsIgnored(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.Add(new NetnameNegotiateContextId { NetName = "no-such-server.invalid" }));
        context.CheckStatus("3.3.5.4", "3.3.5.4#N15", "NEGOTIATE at 3.1.1 with a NETNAME context naming another server", NtStatus.Success, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.3.1", Requirements = ["2.2.3.1#N01", "3.3.5.4#N10", "3.3.5.4#N11"], Title = "3.1.1 contexts in reverse order (preauth last) are accepted")]
    public static async Task ContextsInAnyOrderAreAccepted(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts => contexts.Reverse());
        context.CheckStatus("2.2.3.1", "2.2.3.1#N01", "NEGOTIATE at 3.1.1 with signing, encryption, preauth in that order", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#N10", "PREAUTH_INTEGRITY_CAPABILITIES contexts in the response", 1, body.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().Count());
        if (context.Capabilities.Ciphers.Count > 0)
        {
            context.CheckEqual("3.3.5.4", "3.3.5.4#N11", "ENCRYPTION_CAPABILITIES contexts in the response", 1, body.NegotiateContexts.OfType<EncryptionCapabilities>().Count());
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.3.1", Requirements = ["2.2.3.1#N04"], Title = "3.1.1 a context whose Reserved field is not zero is still accepted")]
    public static async Task NonZeroContextReservedIsIgnored(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await OfferSmb311Async(context, contexts =>
        {
            foreach (var negotiateContext in contexts)
            {
                negotiateContext.Reserved = 0xA5A5A5A5;
            }
        });
        context.CheckStatus("2.2.3.1", "2.2.3.1#N04", "NEGOTIATE at 3.1.1 with Reserved 0xA5A5A5A5 in every context", NtStatus.Success, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.1", Requirements = ["3.3.5.4#N10", "2.2.4.1.1#N01"], Title = "3.1.1 a preauth context without salt (SaltLength 0) is accepted; the response's salt length is observed")]
    public static async Task PreauthWithoutSaltIsAccepted(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var body = await SucceedSmb311Async(context, contexts => Replace(contexts, Preauth(salt: 0)), "3.3.5.4#N10", "SaltLength 0");
        CheckPreauthAnswer(context, body);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.1", Requirements = ["3.3.5.4#N10", "2.2.4.1.1#N01"], Title = "3.1.1 a preauth context with a 1024-byte salt is accepted")]
    public static async Task PreauthWithLongSaltIsAccepted(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var body = await SucceedSmb311Async(context, contexts => Replace(contexts, Preauth(salt: 1024)), "3.3.5.4#N10", "SaltLength 1024");
        CheckPreauthAnswer(context, body);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N03"], Title = "3.1.1 NegotiateContextOffset beyond the message: STATUS_INVALID_PARAMETER or a disconnect (no preauth context can be found)")]
    public static async Task ContextOffsetOutsideMessageIsRefused(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        await ExpectRefusedAsync(context, "NEGOTIATE at 3.1.1 with NegotiateContextOffset 0xFFF8", request => request.NegotiateContextOffset = 0xFFF8);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N03"], Title = "3.1.1 NegotiateContextOffset not 8-byte aligned (2 bytes early): STATUS_INVALID_PARAMETER or a disconnect")]
    public static async Task MisalignedContextOffsetIsRefused(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        // One dialect: the Dialects end at 64 + 36 + 2 = 102, the contexts start at 104 (2.2.3).
        await ExpectRefusedAsync(context, "NEGOTIATE at 3.1.1 with NegotiateContextOffset 102 (contexts at 104)", request => request.NegotiateContextOffset = 102);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#N03"], Title = "3.1.1 the last context (preauth) claims DataLength past the end of the message: STATUS_INVALID_PARAMETER or a disconnect")]
    public static async Task ContextDataLengthPastEndIsRefused(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        await ExpectRefusedAsync(context, "NEGOTIATE at 3.1.1 whose preauth context's DataLength runs 64 bytes past the message", request =>
        {
            var preauth = request.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().Single();
            request.NegotiateContexts.Remove(preauth);
            request.NegotiateContexts.Add(preauth);
            preauth.DataLength = (ushort)(preauth.DataSize + 64);
        });
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11"], Title = "Contexts (even malformed ones) sent with a dialect list lacking 0x0311 are ignored: success, no contexts answered")]
    public static async Task ContextsWithoutSmb311AreIgnored(ScenarioContext context)
    {
        var offered = NegotiateOptions.AllDialects.Where(dialect => dialect < Dialect.Smb311).ToList();
        var common = offered.Where(context.Capabilities.Dialects.Contains).ToList();
        if (common.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates no dialect before 3.1.1");
        }
        var response = await NegotiateSteps.OfferAsync(context, offered, request =>
            request.NegotiateContexts = [Preauth([(HashAlgorithm)0x7F00]), Preauth(), new SigningCapabilities { SigningAlgorithms = [] }]);
        context.CheckStatus("3.3.5.4", "3.3.5.4#11", "NEGOTIATE offering 2.0.2-3.0.2 with malformed 3.1.1 contexts", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "DialectRevision", common.Max(), body.DialectRevision, NegotiateSteps.Describe);
        context.CheckEqual("3.3.5.4", "3.3.5.4#11", "contexts in a response below 3.1.1", 0, body.NegotiateContexts.Count);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#N10", "3.3.5.4#N11"], Title = "0x0311 offered among all dialects and selected: the response carries the preauth and encryption contexts")]
    public static async Task Smb311AmongOtherDialectsAnswersContexts(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var response = await NegotiateSteps.OfferAsync(context, NegotiateOptions.AllDialects);
        context.CheckStatus("3.3.5.4", "3.3.5.4#11", "NEGOTIATE offering every dialect", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "DialectRevision", Dialect.Smb311, body.DialectRevision, NegotiateSteps.Describe);
        context.CheckEqual("3.3.5.4", "3.3.5.4#N10", "PREAUTH_INTEGRITY_CAPABILITIES contexts in the response", 1, body.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().Count());
        if (context.Capabilities.Ciphers.Count > 0)
        {
            context.CheckEqual("3.3.5.4", "3.3.5.4#N11", "ENCRYPTION_CAPABILITIES contexts in the response", 1, body.NegotiateContexts.OfType<EncryptionCapabilities>().Count());
        }
        context.Observe($"response contexts: {string.Join("; ", body.NegotiateContexts)}");
    }

    private static void CheckPreauthAnswer(ScenarioContext context, NegotiateResponse body)
    {
        var preauth = body.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().ToList();
        context.CheckEqual("3.3.5.4", "3.3.5.4#N10", "PREAUTH_INTEGRITY_CAPABILITIES contexts in the response", 1, preauth.Count);
        context.CheckEqual("2.2.4.1.1", "2.2.4.1.1#N01", "HashAlgorithms of the response", "[Sha512]", $"[{string.Join(", ", preauth[0].HashAlgorithms)}]");
        context.Observe($"the response's salt is {preauth[0].Salt.Length} bytes");
    }

    private static async Task ExpectRefusedAsync(ScenarioContext context, string subject, Action<NegotiateRequest> adjust)
    {
        var connection = await context.ConnectAsync();
        var request = new NegotiateOptions { Dialects = [Dialect.Smb311] }.BuildRequest(Guid.NewGuid());
        adjust(request);
        var status = await NegotiateSteps.StatusOrDisconnectAsync(context, "3.3.5.4", "3.3.5.4#N03", subject, connection, connection.Build(request));
        if (status is { } answered)
        {
            context.CheckStatus("3.3.5.4", "3.3.5.4#N03", subject, NtStatus.InvalidParameter, answered);
        }
        context.Observe(status is null ? $"{subject}: disconnected" : $"{subject}: {NtStatus.Describe(status.Value)}");
    }

    private static Task<Smb2Response<NegotiateResponse>> OfferSmb311Async(ScenarioContext context, Action<List<NegotiateContext>> adjust) =>
        NegotiateSteps.OfferAsync(context, [Dialect.Smb311], request => adjust(request.NegotiateContexts));

    private static async Task<NegotiateResponse> SucceedSmb311Async(ScenarioContext context, Action<List<NegotiateContext>> adjust, string requirement, string subject)
    {
        var response = await OfferSmb311Async(context, adjust);
        context.CheckStatus("3.3.5.4", requirement, $"{subject}: NEGOTIATE Response Status", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "DialectRevision", Dialect.Smb311, body.DialectRevision, NegotiateSteps.Describe);
        return body;
    }

    /// <summary>Puts <paramref name="replacement"/> where the context of its type was (or at the end).</summary>
    private static void Replace(List<NegotiateContext> contexts, NegotiateContext replacement)
    {
        var index = contexts.FindIndex(c => c.ContextType == replacement.ContextType);
        if (index < 0)
        {
            contexts.Add(replacement);
            return;
        }
        contexts[index] = replacement;
    }

    private static PreauthIntegrityCapabilities Preauth(List<HashAlgorithm>? hashes = null, int salt = 32) =>
        new() { HashAlgorithms = hashes ?? [HashAlgorithm.Sha512], Salt = RandomNumberGenerator.GetBytes(salt) };

    private static void RequireSigningCapabilities(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        if (context.Capabilities.SigningAlgorithms.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} answered no SIGNING_CAPABILITIES context when offered each algorithm alone: it does not process signing contexts");
        }
    }

    private static void RequireEncryption(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        if (context.Capabilities.Ciphers.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} chose no cipher when offered each alone: it does not encrypt at 3.1.1");
        }
    }
}
