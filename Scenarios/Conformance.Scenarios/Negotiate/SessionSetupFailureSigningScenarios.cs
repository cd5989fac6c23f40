using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;

namespace Conformance.Scenarios.Negotiate;

/// <summary>Which key signs a SESSION_SETUP Response that does not carry STATUS_SUCCESS at 3.x (3.3.4.1.1): Session.SigningKey.</summary>
public static class SessionSetupFailureSigningScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.1", Requirements = ["3.3.4.1.1#02"], Title = "3.x: a signed re-authentication with a wrong password fails; a signed failure response verifies with Session.SigningKey")]
    public static async Task FailedReauthenticationIsSignedWithSessionSigningKey(ScenarioContext context)
    {
        if (!context.Capabilities.Dialects.Any(candidate => candidate.IsSmb3()))
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} implements no dialect of the 3.x family");
        }
        var dialect = context.Capabilities.Dialects.Where(candidate => candidate.IsSmb3()).Max();
        var client = await context.LogOnAsync(dialect);
        // Sign the re-authentication's requests (3.3.4.1.1 signs a response when its request was signed).
        client.Session.SigningRequired = true;
        var wrong = new NtlmCredential(context.Target.Domain, context.Target.User, context.Target.Password + "-wrong");
        var setup = await client.Connection.SessionSetupAsync(wrong, new SessionSetupOptions { Reauthenticate = client.Session }, context.CancellationToken);
        var final = setup.Legs[^1];
        if (final.Status is NtStatus.Success or NtStatus.MoreProcessingRequired)
        {
            throw new ScenarioInconclusiveException($"the re-authentication with a wrong password ended {NtStatus.Describe(final.Status)}, not a failure");
        }
        var header = final.Header;
        context.Observe($"failed re-authentication at {dialect.ToDisplayString()}: {NtStatus.Describe(final.Status)}, {(header.IsSigned ? "signed" : "not signed")} (3.3.4.1.1 SHOULD sign it)");
        if (!header.IsSigned)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} did not sign the failed re-authentication's response ({NtStatus.Describe(final.Status)}): the key rule has nothing to check");
        }
        // The client checks a non-success SESSION_SETUP Response with Session.SigningKey (3.2.5.1.3), the key 3.3.4.1.1 names.
        context.CheckEqual("3.3.4.1.1", "3.3.4.1.1#02", $"signature of the {NtStatus.Describe(final.Status)} SESSION_SETUP Response checked with Session.SigningKey",
            SignatureVerdict.Valid, final.Signature);
    }
}
