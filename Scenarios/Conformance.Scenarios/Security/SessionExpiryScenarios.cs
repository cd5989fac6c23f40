using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>
/// Sessions past the ExpirationTime their authentication gave (3.3.5.5.3; 3.3.6.3 makes them Expired): LOGOFF, CLOSE and LOCK still
/// proceed (3.3.5.2.9), and a SESSION_SETUP re-authenticates them (3.3.5.5 step 5, 3.3.5.5.2). Needs a
/// target whose sessions expire within the scenario's bound (<see cref="ServerProfile.ExpiringSessions"/>).
/// </summary>
public static class SessionExpiryScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.9", Requirements = ["3.3.5.2.9#04"], Profile = ServerProfile.ExpiringSessions,
        Title = "On an expired session LOCK, CLOSE and LOGOFF still succeed")]
    public static async Task ExpiredSessionStillLocksClosesAndLogsOff(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var open = await FileSteps.CreateScratchFileAsync(context, client, "expiring");
        await SessionExpirySteps.ExpireAsync(context, client, open);
        var connection = client.Connection;
        var locked = await connection.LockAsync(open, [new LockElement(0, 1, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#04", "LOCK on an expired session", NtStatus.Success, locked.Status);
        var closed = await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#04", "CLOSE on an expired session", NtStatus.Success, closed.Status);
        var loggedOff = await connection.LogoffAsync(client.Session, context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#04", "LOGOFF of an expired session", NtStatus.Success, loggedOff.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", Requirements = ["3.3.5.5.3#52"], Profile = ServerProfile.ExpiringSessions,
        Title = "A session expires at the time its authentication gave (Session.ExpirationTime from the GSS subsystem): after that a WRITE on it is not served")]
    public static async Task SessionExpiresWhenItsAuthenticationSays(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var open = await FileSteps.CreateScratchFileAsync(context, client, "expires");
        await SessionExpirySteps.AwaitLifetimeAsync(context);
        var written = await client.Connection.WriteAsync(open, 0, "late"u8.ToArray(), context.CancellationToken);
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#52", $"WRITE {context.Target.SessionLifetime} after the logon, the lifetime the authentication gave the session",
            written.Status != NtStatus.Success, "not served (the session expired; 3.3.5.2.9 SHOULD answer STATUS_NETWORK_SESSION_EXPIRED)", NtStatus.Describe(written.Status));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", "3.3.5.5.2", Requirements = ["3.3.5.5#20"], Profile = ServerProfile.ExpiringSessions,
        Title = "SESSION_SETUP on an expired session re-authenticates it, and the session serves requests again")]
    public static async Task SessionSetupReauthenticatesExpiredSession(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var open = await FileSteps.CreateScratchFileAsync(context, client, "reauthenticated");
        await SessionExpirySteps.ExpireAsync(context, client, open);
        var again = await client.Connection.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { Reauthenticate = client.Session }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#20", "re-authentication of an expired session (3.3.5.5 step 5, 3.3.5.5.2)", NtStatus.Success, again.Status);
        var written = await client.Connection.WriteAsync(open, 0, "again"u8.ToArray(), context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#20", "WRITE on the re-authenticated session (3.3.5.5.3 sets Session.State to Valid)", NtStatus.Success, written.Status);
    }
}
