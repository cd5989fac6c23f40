using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Security;

/// <summary>
/// Sessions past their ExpirationTime (3.3.6.3 makes them Expired): LOGOFF, CLOSE and LOCK still
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
        var open = await SecuritySteps.CreateScratchFileAsync(context, client, "expiring");
        await ExpireAsync(context, client, open);
        var connection = client.Connection;
        var locked = await connection.LockAsync(open, [new LockElement(0, 1, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#04", "LOCK on an expired session", NtStatus.Success, locked.Status);
        var closed = await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#04", "CLOSE on an expired session", NtStatus.Success, closed.Status);
        var loggedOff = await connection.LogoffAsync(client.Session, context.CancellationToken);
        context.CheckStatus("3.3.5.2.9", "3.3.5.2.9#04", "LOGOFF of an expired session", NtStatus.Success, loggedOff.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5", "3.3.5.5.2", Requirements = ["3.3.5.5#20"], Profile = ServerProfile.ExpiringSessions,
        Title = "SESSION_SETUP on an expired session re-authenticates it, and the session serves requests again")]
    public static async Task SessionSetupReauthenticatesExpiredSession(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var open = await SecuritySteps.CreateScratchFileAsync(context, client, "reauthenticated");
        await ExpireAsync(context, client, open);
        var again = await client.Connection.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { Reauthenticate = client.Session }, context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#20", "re-authentication of an expired session (3.3.5.5 step 5, 3.3.5.5.2)", NtStatus.Success, again.Status);
        var written = await client.Connection.WriteAsync(open, 0, "again"u8.ToArray(), context.CancellationToken);
        context.CheckStatus("3.3.5.5", "3.3.5.5#20", "WRITE on the re-authenticated session (3.3.5.5.3 sets Session.State to Valid)", NtStatus.Success, written.Status);
    }

    /// <summary>
    /// Waits out the target's session lifetime, then proves the session expired: a WRITE on it must
    /// not succeed (3.3.5.2.9 SHOULD fail it with STATUS_NETWORK_SESSION_EXPIRED; another error is observed).
    /// </summary>
    internal static async Task ExpireAsync(ScenarioContext context, Smb2Client client, Open open)
    {
        await AwaitLifetimeAsync(context);
        var written = await client.Connection.WriteAsync(open, 0, "late"u8.ToArray(), context.CancellationToken);
        if (written.Status == NtStatus.Success)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} still served the session {context.Target.SessionLifetime} after it authenticated (the WRITE succeeded): it did not expire");
        }
        if (written.Status != NtStatus.NetworkSessionExpired)
        {
            context.Observe($"WRITE on the expired session: {NtStatus.Describe(written.Status)} (3.3.5.2.9 SHOULD answer STATUS_NETWORK_SESSION_EXPIRED)");
        }
    }

    /// <summary>A bounded wait for the server's own clock: the session lifetime plus a margin for timer granularity.</summary>
    internal static Task AwaitLifetimeAsync(ScenarioContext context) =>
        Task.Delay(context.Target.SessionLifetime!.Value + TimeSpan.FromMilliseconds(250), context.CancellationToken);
}
