using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Timers;

namespace Conformance.ReferenceServer.Teardown;

/// <summary>
/// Whether an open outlives its session for a reconnect, and what keeping it means: Open.Connection,
/// Open.Session and Open.TreeConnect set to NULL, and the scavenger timer that closes it if no client
/// reclaims it in time (3.3.7.1, 3.3.5.6, 3.3.2.2, 3.3.2.4).
/// </summary>
internal static class OpenPreservation
{
    /// <summary>The preserve rule of <paramref name="reason"/>.</summary>
    public static bool Preserves(Server server, Open open, TeardownReason reason) => reason switch
    {
        // 3.3.5.6: every durable or resilient open.
        TeardownReason.Logoff => open.IsDurable || open.IsResilient,
        TeardownReason.AuthenticationFailed => false,
        // 3.3.7.1: resilient opens, and durable ones whose batch oplock or handle-caching lease is held, not breaking.
        _ => (server.IsLeasingSupported && open.IsResilient)
             || (open.IsDurable && open.OplockState == OplockState.Held
                 && (open.OplockLevel == OplockLevel.Batch
                     || (open.OplockLevel == OplockLevel.Lease && open.Lease is { } lease && (lease.LeaseState & LeaseState.HandleCaching) != 0))),
    };

    /// <summary>
    /// Detaches <paramref name="open"/> from its session, tree and connection and starts the timers
    /// that scavenge it. The dialect is the session's: 3.3.7.1 reads Open.Connection.Dialect after
    /// setting Open.Connection to NULL, which can only mean the dialect the open was made with.
    /// </summary>
    public static void Preserve(ServerRuntime runtime, Open open, bool isSmb3)
    {
        var now = runtime.Clock.GetUtcNow();
        if (open.TreeConnect is { } treeConnect)
        {
            Interlocked.Decrement(ref treeConnect.OpenCount);
        }
        open.Connection = null;
        open.Session = null;
        open.TreeConnect = null;
        if (open.IsResilient)
        {
            open.ResilientOpenTimeout = now + open.ResiliencyTimeout;
            runtime.ResilientOpenScavengerTimer.Start(open.ResilientOpenTimeout.Value);
        }
        if (open.IsDurable)
        {
            var keepFor = isSmb3 && open.DurableOpenTimeout > TimeSpan.Zero ? open.DurableOpenTimeout : runtime.Server.DurableOpenTimeout;
            open.DurableOpenScavengerTimeout = now + keepFor;
            runtime.DurableOpenScavengerTimer.Start(open.DurableOpenScavengerTimeout.Value);
        }
    }
}
