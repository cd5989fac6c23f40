using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Negotiate;

/// <summary>
/// SMB2_NEGOTIATE_SIGNING_REQUIRED in the NEGOTIATE Response tells the truth about RequireMessageSigning
/// (3.3.5.4). A client cannot read the global, but it can see it act: a target that requires signing
/// makes every user session sign (3.3.5.5.3 step 5) and refuses its unsigned requests (3.3.5.2.4).
/// </summary>
public static class SigningRequiredScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#13", "3.3.5.4#14"], Title = "SIGNING_REQUIRED in the NEGOTIATE Response matches whether the target refuses an unsigned request of a session whose client did not require signing")]
    public static async Task NegotiateResponseAnnouncesRequiredSigning(ScenarioContext context)
    {
        var dialect = NegotiateSteps.HighestBelowSmb311(context);
        var (requiresSigning, announced) = await NegotiateSteps.ProbeRequireMessageSigningAsync(context, dialect);
        context.CheckTrue("3.3.5.4", "3.3.5.4#13", "SecurityMode of the NEGOTIATE Response", (announced & SecurityMode.SigningEnabled) != 0, "SIGNING_ENABLED set", announced.ToString());
        var announcedRequired = (announced & SecurityMode.SigningRequired) != 0;
        if (requiresSigning)
        {
            context.CheckTrue("3.3.5.4", "3.3.5.4#14", "SecurityMode of the NEGOTIATE Response of a target that refused an unsigned request (RequireMessageSigning)", announcedRequired,
                "SIGNING_ENABLED | SIGNING_REQUIRED", announced.ToString());
            return;
        }
        // 2.2.4: SIGNING_REQUIRED "indicates that signing is required by the server"; announcing it while
        // accepting unsigned requests of a session misstates the target's configuration.
        context.CheckTrue("2.2.4", null, "SecurityMode of the NEGOTIATE Response of a target that accepted an unsigned request", !announcedRequired,
            "SIGNING_REQUIRED clear (the target does not require signing)", announced.ToString());
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#13", "3.3.5.4#14"], Profile = ServerProfile.RequiresSigning,
        Title = "On a target that requires signing (RequireMessageSigning): the NEGOTIATE Response announces SIGNING_REQUIRED and an unsigned request is refused")]
    public static async Task RequiringTargetAnnouncesRequiredSigning(ScenarioContext context)
    {
        await NegotiateSteps.RequireEnforcedSigningAsync(context);
        await NegotiateResponseAnnouncesRequiredSigning(context);
    }
}
