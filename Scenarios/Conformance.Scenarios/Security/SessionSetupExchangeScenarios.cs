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
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#02", "3.3.5.5.3#16", "3.3.5.5.3#53", "3.3.5.5.3#54"],
        Title = "The first leg of an NTLM logon: STATUS_MORE_PROCESSING_REQUIRED carrying the server's CHALLENGE_MESSAGE")]
    public static async Task FirstLegAnswersMoreProcessingWithTheChallenge(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        var first = setup.Legs[0];
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#53, 3.3.5.5.3#54", "SESSION_SETUP answering an NTLM NEGOTIATE_MESSAGE (the exchange is unfinished)", NtStatus.MoreProcessingRequired, first.Status);
        var body = context.CheckBody("2.2.6", "interim SESSION_SETUP Response", first);
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#02, 3.3.5.5.3#16", "SecurityBuffer of the interim response (the GSS output token: a SPNEGO NegTokenResp carrying the NTLM challenge)",
            "a CHALLENGE_MESSAGE", DescribeChallenge(body.SecurityBuffer));
        context.CheckStatus("3.3.5.5.3", null, "final SESSION_SETUP status", NtStatus.Success, setup.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#01"],
        Title = "A first SESSION_SETUP leg whose token sits 8 bytes after the fixed part (SecurityBufferOffset 96): the token at that offset is read, a CHALLENGE_MESSAGE comes back")]
    public static async Task TokenIsReadAtSecurityBufferOffset(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var token = new NegTokenInit { MechTypes = [SpnegoOids.Ntlmssp], MechToken = new NtlmClient(TargetProbe.Credential(context.Target)).CreateNegotiate() }.ToArray();
        const int padding = 8;
        var body = new SessionSetupRequest
        {
            SecurityMode = SecurityMode.SigningEnabled,
            // Eight zero bytes, then the token: only SecurityBufferOffset/Length say where it is.
            SecurityBuffer = new byte[padding].Concat(token).ToArray(),
            SecurityBufferOffset = Smb2Header.Size + 24 + padding,
            SecurityBufferLength = (ushort)token.Length,
        };
        var subject = $"first SESSION_SETUP leg with SecurityBufferOffset {body.SecurityBufferOffset} and SecurityBufferLength {token.Length} (8 bytes of padding before the token)";
        var response = Smb2Response<SessionSetupResponse>.From(await connection.SendOneAsync(new Smb2Request(connection.Build(body)), context.CancellationToken));
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#01", subject, NtStatus.MoreProcessingRequired, response.Status);
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#01", $"SecurityBuffer answering the {subject}", "a CHALLENGE_MESSAGE",
            DescribeChallenge(context.CheckBody("2.2.6", "interim SESSION_SETUP Response", response).SecurityBuffer));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.1", Requirements = ["3.3.5.5.1#02"], Title = "Sessions set up on two connections get different SessionIds")]
    public static async Task SessionIdsAreUniqueAcrossConnections(ScenarioContext context)
    {
        var first = await context.LogOnAsync();
        var second = await context.LogOnAsync();
        context.CheckTrue("3.3.5.5.1", "3.3.5.5.1#02", "SessionIds of two sessions of one server", first.Session.SessionId != second.Session.SessionId,
            "two different values", $"0x{first.Session.SessionId:X16} twice");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#26", "3.3.5.5.3#27", "3.3.5.5.3#47", "3.3.5.5.3#50"], Title = "PreviousSessionId naming another identity's session (an anonymous logon naming a user's): ignored, the user's session keeps working")]
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
        // The two sessions' security contexts (the users GSS authenticated) were compared and differ.
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#26, 3.3.5.5.3#27, 3.3.5.5.3#47, 3.3.5.5.3#50", $"CREATE on {context.Target.User}'s session after an anonymous logon named it as PreviousSessionId", NtStatus.Success, created.Status);
        await user.Connection.CloseAsync(created.Open!, cancellationToken: context.CancellationToken);
    }

    /// <summary>"a CHALLENGE_MESSAGE" when <paramref name="buffer"/> is a SPNEGO NegTokenResp carrying one, else what it is.</summary>
    private static string DescribeChallenge(ReadOnlyMemory<byte> buffer)
    {
        var token = NegTokenResp.Read(buffer);
        if (!token.IsSuccess)
        {
            return "not a SPNEGO token";
        }
        return token.Value.ResponseToken is { } responseToken
            ? ChallengeMessage.Read(responseToken) is { IsSuccess: true } ? "a CHALLENGE_MESSAGE" : "a responseToken that is no CHALLENGE_MESSAGE"
            : "a NegTokenResp without responseToken";
    }
}
