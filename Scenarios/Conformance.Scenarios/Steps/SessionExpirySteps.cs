using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;

namespace Conformance.Scenarios.Steps;

/// <summary>Waiting out a session lifetime (the ExpiringSessions profile) and proving the session expired.</summary>
public static class SessionExpirySteps
{
    /// <summary>
    /// Waits out the target's session lifetime, then proves the session expired: a WRITE on it must
    /// not succeed (3.3.5.2.9 SHOULD fail it with STATUS_NETWORK_SESSION_EXPIRED; another error is observed).
    /// </summary>
    public static async Task ExpireAsync(ScenarioContext context, Smb2Client client, Open open)
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
    public static Task AwaitLifetimeAsync(ScenarioContext context) =>
        Task.Delay(context.Target.SessionLifetime!.Value + TimeSpan.FromMilliseconds(250), context.CancellationToken);
}
