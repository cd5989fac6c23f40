using Conformance.ReferenceServer.Hosting;
using Conformance.Scenarios;

namespace Conformance.TestSuite;

/// <summary>
/// The built-in reference server, started in-process on an ephemeral loopback port for the run; and
/// the same server set up with a <see cref="ServerProfile"/>, for the scenarios that need one. Their
/// failures and log lines go to <see cref="ReferenceServerFaultLog.Shared"/>.
/// (Also compiled into the bench, which runs families the same way, and into the scenarios' tests, which compare a serial run with a parallel one.)
/// </summary>
public static class ReferenceServerTarget
{
    /// <summary>The session lifetime of the <see cref="ServerProfile.ExpiringSessions"/> profile.</summary>
    public static readonly TimeSpan ExpiringSessionLifetime = TimeSpan.FromSeconds(1);

    /// <summary>The oplock break acknowledgment timer of the <see cref="ServerProfile.ShortOplockBreakTimeout"/> profile.</summary>
    public static readonly TimeSpan ShortOplockBreakTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The durable open time-out of the <see cref="ServerProfile.ShortDurableTimeout"/> profile.</summary>
    public static readonly TimeSpan ShortDurableTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The share of the run's reference servers that takes one tree connect at a time.</summary>
    public const string LimitedShare = "limited";

    /// <summary>The scale-out share (STYPE_CLUSTER_SOFS) of the run's reference servers.</summary>
    public const string ScaleOutShare = "scaleout";

    /// <summary>The continuously available share of the run's reference servers, and its CATimeout.</summary>
    public const string ContinuouslyAvailableShare = "ca";
    public static readonly TimeSpan CATimeout = TimeSpan.FromSeconds(45);

    /// <summary>The share with ForceLevel2Oplock of the run's reference servers.</summary>
    public const string ForceLevel2Share = "level2";

    /// <summary>The second account of the run's reference servers.</summary>
    public static readonly Adapters.Security.Ntlm.NtlmCredential OtherUser = new(null, "tester2", "Passw0rd2!");

    /// <param name="multiChannel">IsMultiChannelCapable: false starts a server without SMB2_GLOBAL_CAP_MULTI_CHANNEL (the session-binding family's test of a target without it).</param>
    public static async Task<StartedTarget> StartAsync(Adapters.Wire.Dialect? maxDialect, ServerProfile? profile, CancellationToken cancellationToken, bool multiChannel = true)
    {
        var defaults = new ServerConfiguration();
        // The default shares; one that takes a single tree connect at a time (Share.MaxUses 1), for the
        // scenarios on share uses; a scale-out one and one with ForceLevel2Oplock, for the oplock and lease grants.
        var server = defaults with
        {
            Users = [.. defaults.EffectiveUsers, OtherUser],
            MultiChannel = multiChannel,
            MaxDialect = maxDialect ?? Adapters.Wire.Dialect.Smb311,
            Shares =
            [
                .. defaults.EffectiveShares,
                new ShareConfiguration(LimitedShare) { MaxUses = 1 },
                new ShareConfiguration(ScaleOutShare) { ScaleOut = true },
                new ShareConfiguration(ForceLevel2Share) { ForceLevel2Oplock = true },
                new ShareConfiguration(ContinuouslyAvailableShare) { ContinuouslyAvailable = true, CATimeout = CATimeout },
            ],
        };
        server = profile switch
        {
            null => server,
            ServerProfile.EncryptsEverySession => server with { EncryptData = true },
            ServerProfile.RequiresSigning => server with { RequireMessageSigning = true },
            ServerProfile.ExpiringSessions => server with { SessionLifetime = ExpiringSessionLifetime },
            ServerProfile.ShortOplockBreakTimeout => server with { OplockBreakTimeout = ShortOplockBreakTimeout, LeaseBreakTimeout = ShortOplockBreakTimeout },
            ServerProfile.Smb2002Only => server with { MaxDialect = Adapters.Wire.Dialect.Smb202 },
            ServerProfile.Disabled => server with { Enabled = false },
            ServerProfile.NoLeasing => server with { Leasing = false },
            ServerProfile.ShortDurableTimeout => server with { DurableTimeout = ShortDurableTimeout },
            ServerProfile.NetBiosSessionService => server with { NetBiosPort = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
        };
        var faults = ReferenceServerFaultLog.Shared;
        var host = await ReferenceServerHost.StartAsync(server with { Log = faults.Log }, cancellationToken);
        faults.Watch(host);
        return new StartedTarget(new TargetSettings
        {
            Name = profile is null ? "reference server" : $"reference server ({profile})",
            Host = "127.0.0.1",
            Port = host.NetBiosPort ?? host.Port,
            NetBios = host.NetBiosPort is null ? null : new Adapters.Transport.NetBiosSessionOptions(server.NetBiosName),
            Share = "conf",
            EncryptedShare = "encrypted",
            LimitedShare = LimitedShare,
            ScaleOutShare = ScaleOutShare,
            ForceLevel2Share = ForceLevel2Share,
            ContinuouslyAvailableShare = ContinuouslyAvailableShare,
            CATimeout = CATimeout,
            User = ServerConfiguration.DefaultUser,
            OtherUser = OtherUser.User,
            OtherPassword = OtherUser.Password,
            Password = ServerConfiguration.DefaultPassword,
            Domain = ServerConfiguration.DefaultDomain,
            MaxDialect = maxDialect,
            SessionLifetime = server.SessionLifetime,
            OplockBreakTimeout = server.OplockBreakTimeout,
            DurableTimeout = profile == ServerProfile.ShortDurableTimeout ? server.DurableTimeout : null,
            IsReferenceServer = true,
        }, host);
    }

    /// <summary>Starts a profiled reference server on first use by a scenario; each gets the run's scratch directory.</summary>
    public static StartedProfileTargets Profiles(Adapters.Wire.Dialect? maxDialect, string scratchDirectory, Adapters.Client.ConnectionOptions options, bool multiChannel = true) =>
        new((profile, cancellationToken) => StartAsync(maxDialect, profile, cancellationToken, multiChannel), scratchDirectory, options);
}
