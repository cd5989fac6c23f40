using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>SESSION_SETUP exchanges (3.3.5.5.1, 3.3.5.5.3): the interim leg, SessionIds across connections, PreviousSessionId of another identity.</summary>
public static class SessionSetupExchangeScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#16", "3.3.5.5.3#54"],
        Title = "The first leg of an NTLM logon: STATUS_MORE_PROCESSING_REQUIRED carrying the server's CHALLENGE_MESSAGE")]
    public static async Task FirstLegAnswersMoreProcessingWithTheChallenge(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        var first = setup.Legs[0];
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#54", "SESSION_SETUP answering an NTLM NEGOTIATE_MESSAGE (the exchange is unfinished)", NtStatus.MoreProcessingRequired, first.Status);
        var body = context.CheckBody("2.2.6", "interim SESSION_SETUP Response", first);
        var token = NegTokenResp.Read(body.SecurityBuffer);
        var found = "not a SPNEGO token";
        if (token.IsSuccess)
        {
            found = token.Value.ResponseToken is { } responseToken
                ? ChallengeMessage.Read(responseToken) is { IsSuccess: true } ? "a CHALLENGE_MESSAGE" : "a responseToken that is no CHALLENGE_MESSAGE"
                : "a NegTokenResp without responseToken";
        }
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#16", "SecurityBuffer of the interim response (the GSS output token: a SPNEGO NegTokenResp carrying the NTLM challenge)",
            "a CHALLENGE_MESSAGE", found);
        context.CheckStatus("3.3.5.5.3", null, "final SESSION_SETUP status", NtStatus.Success, setup.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.1", Requirements = ["3.3.5.5.1#02"], Title = "Sessions set up on two connections get different SessionIds")]
    public static async Task SessionIdsAreUniqueAcrossConnections(ScenarioContext context)
    {
        var first = await context.LogOnAsync();
        var second = await context.LogOnAsync();
        context.CheckTrue("3.3.5.5.1", "3.3.5.5.1#02", "SessionIds of two sessions of one server", first.Session.SessionId != second.Session.SessionId,
            "two different values", $"0x{first.Session.SessionId:X16} twice");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#50"], Title = "PreviousSessionId naming another identity's session (an anonymous logon naming a user's): ignored, the user's session keeps working")]
    public static async Task PreviousSessionIdOfAnotherIdentityIsIgnored(ScenarioContext context)
    {
        var user = await context.LogOnAsync();
        var connection = await SessionSteps.NegotiatedAsync(context);
        var anonymous = await connection.SessionSetupAsync(NtlmCredential.Anonymous, new SessionSetupOptions { PreviousSessionId = user.Session.SessionId }, context.CancellationToken);
        if (anonymous.Status != NtStatus.Success)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} refused the anonymous logon ({NtStatus.Describe(anonymous.Status)})");
        }
        var created = await user.Connection.CreateAsync(user.Tree, FileSteps.NewFile(context.ScratchPath("previous-other")), context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#50", $"CREATE on {context.Target.User}'s session after an anonymous logon named it as PreviousSessionId", NtStatus.Success, created.Status);
        await user.Connection.CloseAsync(created.Open!, cancellationToken: context.CancellationToken);
    }
}
