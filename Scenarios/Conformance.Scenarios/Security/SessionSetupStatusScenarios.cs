using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>
/// Every status a SESSION_SETUP answers with must be an MS-ERREF value (3.3.5.5). The suite ships no
/// copy of MS-ERREF's table; it checks what MS-ERREF 2.3 makes true of every value it defines (the
/// customer and reserved bits clear) and records any value it does not know by name.
/// </summary>
public static class SessionSetupStatusScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", Requirements = ["3.3.5.5#23"], Title = "The statuses of SESSION_SETUP outcomes (success, interim, bad password, garbage token, unknown SessionId) are laid out as MS-ERREF values")]
    public static async Task SessionSetupStatusesAreMsErrefValues(ScenarioContext context)
    {
        var credential = TargetProbe.Credential(context.Target);
        var answers = new List<(string Outcome, uint Status)>();

        var good = await SessionSteps.NegotiatedAsync(context);
        var logon = await good.SessionSetupAsync(credential, cancellationToken: context.CancellationToken);
        answers.AddRange(logon.Legs.Select((leg, index) => ($"leg {index + 1} of a good logon", leg.Status)));

        var wrong = await SessionSteps.NegotiatedAsync(context);
        var refused = await wrong.SessionSetupAsync(credential with { Password = context.Target.Password + "-wrong" }, cancellationToken: context.CancellationToken);
        answers.Add(("a wrong password", refused.Status));

        var garbage = await SessionSteps.NegotiatedAsync(context);
        var token = await RequestSteps.SendOrDisconnectAsync(context, garbage,
            new Smb2Request(Smb2Message.For(new SessionSetupRequest { SecurityMode = SecurityMode.SigningEnabled, SecurityBuffer = "not a GSS token"u8.ToArray() })));
        if (token is not null)
        {
            answers.Add(("a security buffer that is no GSS token", token.Status));
        }

        var unknown = await SessionSteps.NegotiatedAsync(context);
        var deleted = await unknown.SessionSetupAsync(credential, new SessionSetupOptions { Reauthenticate = new Session(unknown, 0x7E57_0000_0000_0000UL | (uint)Random.Shared.Next()) },
            context.CancellationToken);
        answers.Add(("an unknown SessionId", deleted.Legs[0].Status));

        foreach (var (outcome, status) in answers)
        {
            context.CheckTrue("3.3.5.5", "3.3.5.5#23", $"the SESSION_SETUP status for {outcome}", NtStatus.HasMicrosoftDefinedLayout(status),
                "an MS-ERREF NTSTATUS: C (customer) bit 0x20000000 and N (reserved) bit 0x10000000 clear (MS-ERREF 2.3)", NtStatus.Describe(status));
            if (!NtStatus.IsNamed(status))
            {
                context.Observe($"SESSION_SETUP status for {outcome}: {NtStatus.Describe(status)}, a value this suite does not know by name");
            }
        }
    }
}
