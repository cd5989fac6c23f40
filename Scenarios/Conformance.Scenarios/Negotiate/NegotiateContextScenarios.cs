using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Scenarios.Negotiate;

/// <summary>
/// The 3.1.1 negotiate contexts of the response. 3.1.1 behaviour is cited from the current MS-SMB2:
/// 3.3.5.4 (3.1.1 additions), 2.2.4.1.1 (preauth), 2.2.4.1.2 (encryption), 2.2.4.1.7 (signing).
/// </summary>
public static class NegotiateContextScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.1", Requirements = ["3.3.5.4#N10", "2.2.4.1.1#N01"], Title = "3.1.1: the response carries one PREAUTH_INTEGRITY_CAPABILITIES with SHA-512 only")]
    public static async Task PreauthIntegrityContextAnswersSha512(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var body = await NegotiateSmb311Async(context, request => { });
        var preauth = body.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().ToList();
        context.CheckEqual("3.3.5.4", "3.3.5.4#N10", "number of PREAUTH_INTEGRITY_CAPABILITIES contexts in the 3.1.1 response", 1, preauth.Count);
        context.CheckEqual("2.2.4.1.1", "2.2.4.1.1#N01", "HashAlgorithms of the response's preauth context",
            "[Sha512]", $"[{string.Join(", ", preauth[0].HashAlgorithms)}]");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.2", Requirements = ["3.3.5.4#N08", "3.3.5.4#N11", "2.2.4.1.2#N01"], Title = "3.1.1: the cipher chosen is one the client offered and the server supports")]
    public static async Task ChosenCipherIsOneOffered(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        if (context.Capabilities.Ciphers.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} chose no cipher when offered each alone: it does not encrypt at 3.1.1");
        }
        // Offer the server's ciphers in reverse id order, plus one id no server knows, first.
        var offered = new List<Cipher> { (Cipher)0x7F00 };
        offered.AddRange(context.Capabilities.Ciphers.OrderDescending());
        var body = await NegotiateSmb311Async(context, request =>
            request.NegotiateContexts = [.. request.NegotiateContexts.Where(c => c is not EncryptionCapabilities), new EncryptionCapabilities { Ciphers = offered }]);
        var encryption = body.NegotiateContexts.OfType<EncryptionCapabilities>().ToList();
        context.CheckEqual("3.3.5.4", "3.3.5.4#N11", "number of ENCRYPTION_CAPABILITIES contexts in the response", 1, encryption.Count);
        context.CheckEqual("2.2.4.1.2", "2.2.4.1.2#N01", "CipherCount of the response", 1, encryption[0].Ciphers.Count);
        var chosen = encryption[0].Ciphers[0];
        context.CheckTrue("3.3.5.4", "3.3.5.4#N08", "the chosen cipher", context.Capabilities.Ciphers.Contains(chosen),
            $"one of the offered ciphers the server supports ({string.Join(", ", context.Capabilities.Ciphers)})", chosen.ToString());
        context.Observe($"offered [{string.Join(", ", offered)}], the server chose {chosen}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.2", Requirements = ["3.3.5.4#N11", "2.2.4.1.2#N01"], Title = "3.1.1: no common cipher: the response carries an encryption context with cipher 0 (none)")]
    public static async Task NoCommonCipherAnswersZero(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var body = await NegotiateSmb311Async(context, request =>
            request.NegotiateContexts = [.. request.NegotiateContexts.Where(c => c is not EncryptionCapabilities), new EncryptionCapabilities { Ciphers = [(Cipher)0x7F00] }]);
        var encryption = body.NegotiateContexts.OfType<EncryptionCapabilities>().SingleOrDefault();
        if (encryption is null && context.Capabilities.Ciphers.Count == 0)
        {
            context.Observe("no ENCRYPTION_CAPABILITIES context in the response, from a server that never chose a cipher: it does not encrypt");
            return;
        }
        // A server that supports encryption answers the context even with no common cipher (current 3.3.5.4: CipherCount 1, cipher 0).
        context.CheckTrue("3.3.5.4", "3.3.5.4#N11", "ENCRYPTION_CAPABILITIES context in the response when no cipher is common",
            encryption is not null, "one context with cipher 0 (the server supports encryption)", "no encryption context");
        context.CheckEqual("2.2.4.1.2", "2.2.4.1.2#N01", "the cipher answered when none is common", "[0]", $"[{string.Join(", ", encryption!.Ciphers.Select(cipher => (ushort)cipher))}]");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "2.2.4.1.7", Requirements = ["3.3.5.4#N09", "2.2.4.1.7#N01"], Title = "3.1.1: the signing algorithm chosen is one the client offered")]
    public static async Task ChosenSigningAlgorithmIsOneOffered(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var offered = new List<SigningAlgorithm> { (SigningAlgorithm)0x7F00, SigningAlgorithm.AesCmac, SigningAlgorithm.HmacSha256 };
        var body = await NegotiateSmb311Async(context, request =>
            request.NegotiateContexts = [.. request.NegotiateContexts.Where(c => c is not SigningCapabilities), new SigningCapabilities { SigningAlgorithms = offered }]);
        var signing = body.NegotiateContexts.OfType<SigningCapabilities>().ToList();
        if (signing.Count == 0)
        {
            context.Observe("no SIGNING_CAPABILITIES context in the response: the server signs with AES-CMAC (3.1.1 default)");
            return;
        }
        context.CheckEqual("2.2.4.1.7", "2.2.4.1.7#N01", "SigningAlgorithmCount of the response", 1, signing[0].SigningAlgorithms.Count);
        var chosen = signing[0].SigningAlgorithms[0];
        context.CheckTrue("3.3.5.4", "3.3.5.4#N09", "the chosen signing algorithm", chosen is SigningAlgorithm.AesCmac or SigningAlgorithm.HmacSha256,
            "one of the offered algorithms (AES-CMAC, HMAC-SHA256)", chosen.ToString());
    }

    private static async Task<NegotiateResponse> NegotiateSmb311Async(ScenarioContext context, Action<NegotiateRequest> adjust)
    {
        var response = await NegotiateSteps.OfferAsync(context, [Dialect.Smb311], adjust);
        context.CheckStatus("3.3.5.4", "3.3.5.4#11", "NEGOTIATE Response Status", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "DialectRevision", Dialect.Smb311, body.DialectRevision, NegotiateSteps.Describe);
        return body;
    }
}
