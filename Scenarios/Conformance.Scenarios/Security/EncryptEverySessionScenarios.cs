using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>
/// A server that encrypts every session and rejects unencrypted access (EncryptData and
/// RejectUnencryptedAccess TRUE) refuses, at the first SESSION_SETUP, a client that cannot encrypt
/// (3.3.5.5 steps 1 and 2). Needs a target running with <see cref="ServerProfile.EncryptsEverySession"/>.
/// </summary>
public static class EncryptEverySessionScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", Requirements = ["3.3.5.5#01"], Profile = ServerProfile.EncryptsEverySession,
        Title = "A server encrypting every session refuses SESSION_SETUP on a 2.x connection with STATUS_ACCESS_DENIED")]
    public static async Task SessionSetupBelowSmb3IsRefused(ScenarioContext context)
    {
        var dialect = context.Capabilities.Dialects.Where(candidate => !candidate.IsSmb3()).DefaultIfEmpty().Max();
        if (dialect == default)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates neither 2.0.2 nor 2.1");
        }
        await ExpectRefusedAsync(context, "3.3.5.5#01", new NegotiateOptions { Dialects = [dialect] }, $"at {dialect.ToDisplayString()}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", Requirements = ["3.3.5.5#02"], Profile = ServerProfile.EncryptsEverySession,
        Title = "A server encrypting every session refuses SESSION_SETUP at 3.x from a client without SMB2_GLOBAL_CAP_ENCRYPTION with STATUS_ACCESS_DENIED")]
    public static async Task SessionSetupWithoutEncryptionCapabilityIsRefused(ScenarioContext context)
    {
        var dialect = context.Capabilities.Dialects.Where(candidate => candidate.IsSmb3()).DefaultIfEmpty().Max();
        if (dialect == default)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates no 3.x dialect");
        }
        // Capabilities without SMB2_GLOBAL_CAP_ENCRYPTION: Connection.ClientCapabilities lacks it whatever the 3.1.1 contexts offer.
        await ExpectRefusedAsync(context, "3.3.5.5#02", new NegotiateOptions { Dialects = [dialect], Capabilities = GlobalCapabilities.Dfs | GlobalCapabilities.LargeMtu },
            $"at {dialect.ToDisplayString()} from a client whose NEGOTIATE Capabilities lack SMB2_GLOBAL_CAP_ENCRYPTION");
    }

    /// <summary>The first SESSION_SETUP must already be refused: steps 1 and 2 come before any authentication.</summary>
    private static async Task ExpectRefusedAsync(ScenarioContext context, string requirement, NegotiateOptions negotiate, string circumstance)
    {
        var connection = await SessionSteps.NegotiatedAsync(context, negotiate);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        context.Observe($"SESSION_SETUP legs {circumstance}: {string.Join(", ", setup.Legs.Select(leg => NtStatus.Describe(leg.Status)))}");
        context.CheckStatus("3.3.5.5", requirement, $"the first SESSION_SETUP Response {circumstance}, from a server that encrypts every session", NtStatus.AccessDenied, setup.Legs[0].Status);
    }
}
