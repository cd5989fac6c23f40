using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;

namespace Conformance.Scenarios;

/// <summary>The server under test and how to log on to it.</summary>
public sealed record TargetSettings
{
    public required string Name { get; init; }
    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string Share { get; init; }
    public required string User { get; init; }
    public required string Password { get; init; }
    public string Domain { get; init; } = "WORKGROUP";

    /// <summary>A second account of the target (same domain), for scenarios that need another user; null: none known.</summary>
    public string? OtherUser { get; init; }
    public string? OtherPassword { get; init; }

    /// <summary>A share whose data the target requires encrypted (Share.EncryptData); null: none known.</summary>
    public string? EncryptedShare { get; init; }

    /// <summary>A share that takes one tree connect at a time (Share.MaxUses 1); null: none known.</summary>
    public string? LimitedShare { get; init; }

    /// <summary>A scale-out share (STYPE_CLUSTER_SOFS, announced by SMB2_SHARE_CAP_SCALEOUT); null: none known.</summary>
    public string? ScaleOutShare { get; init; }

    /// <summary>A continuously available share (SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY), and its CATimeout when known; null: none known.</summary>
    public string? ContinuouslyAvailableShare { get; init; }
    public TimeSpan? CATimeout { get; init; }

    /// <summary>A share with ForceLevel2Oplock (no exclusive oplock, no write-caching lease); null: none known.</summary>
    public string? ForceLevel2Share { get; init; }

    /// <summary>The highest dialect the suite offers this target; null offers every dialect the suite knows.</summary>
    public Dialect? MaxDialect { get; init; }

    /// <summary>Sessions expire this long after they authenticate (Session.ExpirationTime); null: not within a scenario's reach.</summary>
    public TimeSpan? SessionLifetime { get; init; }

    /// <summary>
    /// How long the target waits for an oplock break acknowledgment (3.3.2.1); null: not known, so the
    /// scenarios that wait the timer out are Inconclusive. At most 45 s, to fit a scenario's bound.
    /// </summary>
    public TimeSpan? OplockBreakTimeout { get; init; }

    /// <summary>Null: the target is reached over Direct TCP. Set: over the NetBIOS session service (MS-SMB2 2.1), calling this name.</summary>
    public NetBiosSessionOptions? NetBios { get; init; }

    /// <summary><paramref name="options"/> with this target's transport (Direct TCP, or the NetBIOS session service and its called name).</summary>
    public ConnectionOptions Reach(ConnectionOptions options) =>
        options.Transport.NetBios == NetBios ? options : options with { Transport = options.Transport with { NetBios = NetBios } };

    /// <summary>
    /// How long the target keeps a disconnected durable open when the client names no time-out (and
    /// the Timeout a DH2Q asking it gets); null: not known, so the scenarios that wait it out are
    /// Inconclusive. At most 45 s.
    /// </summary>
    public TimeSpan? DurableTimeout { get; init; }

    /// <summary>The built-in reference server started by the suite itself.</summary>
    public bool IsReferenceServer { get; init; }

    public override string ToString() => $"{Name} (\\\\{Host}:{Port}\\{Share}, user {Domain}\\{User}{(NetBios is null ? "" : $", NetBIOS session service calling {NetBios.CalledName}")})";
}
