using Conformance.Adapters.Wire;

namespace Conformance.Scenarios;

/// <summary>
/// Which server the suite runs against. Read from runsettings.xml TestRunParameters, each overridden
/// by its environment variable: Target (SMB_TARGET: "reference" or "remote"), Host (SMB_TARGET_HOST),
/// Port (SMB_TARGET_PORT), Share (SMB_TARGET_SHARE), User (SMB_TARGET_USER), Password
/// (SMB_TARGET_PASSWORD), Domain (SMB_TARGET_DOMAIN), MaxDialect (SMB_TARGET_MAX_DIALECT: 2.0.2,
/// 2.1, 3.0, 3.0.2 or 3.1.1), EncryptedShare (SMB_TARGET_ENCRYPTED_SHARE: a share that requires
/// encryption; default "encrypted"), LimitedShare (SMB_TARGET_LIMITED_SHARE: a share that takes one tree
/// connect at a time; default "limited"), OplockBreakTimeout (SMB_TARGET_OPLOCK_BREAK_TIMEOUT: the
/// target's oplock break acknowledgment timer in seconds, at most 45; naming it opts into the slow
/// scenarios that wait it out), ScaleOutShare (SMB_TARGET_SCALEOUT_SHARE: a scale-out share; default
/// "scaleout", judged by the SMB2_SHARE_CAP_SCALEOUT its TREE_CONNECT announces), ForceLevel2Share
/// (SMB_TARGET_FORCE_LEVEL2_SHARE: a share with ForceLevel2Oplock; no default, since nothing on the wire
/// shows it), OtherUser and OtherPassword (SMB_TARGET_OTHER_USER, SMB_TARGET_OTHER_PASSWORD: a second
/// account, for the scenarios that need another user), DurableTimeout (SMB_TARGET_DURABLE_TIMEOUT: the
/// seconds the target keeps a disconnected durable open, at most 45; naming it opts into the scenarios
/// that wait it out), ContinuouslyAvailableShare and CATimeout (SMB_TARGET_CA_SHARE: a continuously
/// available share, default "ca", judged by the SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY of its TREE_CONNECT;
/// SMB_TARGET_CA_TIMEOUT: its CATimeout in seconds), Transport (SMB_TARGET_TRANSPORT: "direct-tcp", the default, or "netbios":
/// the NetBIOS session service, default port 139) and NetBiosName (SMB_TARGET_NETBIOS_NAME: the called
/// name of its session request; default *SMBSERVER). SMB_TARGET_HOST without SMB_TARGET means "remote".
/// </summary>
public sealed record TargetConfiguration(string Kind, string? Host, int? Port, string? Share, string? User, string? Password, string? Domain, Dialect? MaxDialect)
{
    /// <summary>A share of the target whose data must be encrypted (Share.EncryptData); the encryption scenarios use it.</summary>
    public string? EncryptedShare { get; init; }

    /// <summary>The target's oplock break acknowledgment timer (3.3.2.1), when the run names it.</summary>
    public TimeSpan? OplockBreakTimeout { get; init; }

    /// <summary>Null: Direct TCP. Set: the target is reached over the NetBIOS session service, calling this name (Transport=netbios, NetBiosName).</summary>
    public Adapters.Transport.NetBiosSessionOptions? NetBios { get; init; }

    public const string DirectTcp = "direct-tcp";
    public const string NetBiosTransport = "netbios";

    /// <summary>The longest timer a scenario may wait out within its 60-second bound.</summary>
    public static readonly TimeSpan LongestOplockBreakTimeout = TimeSpan.FromSeconds(45);

    /// <summary>A share of the target that takes one tree connect at a time (Share.MaxUses 1); the share-use scenarios use it.</summary>
    public string? LimitedShare { get; init; }

    /// <summary>A scale-out share of the target (STYPE_CLUSTER_SOFS); the scale-out oplock and lease scenarios use it.</summary>
    public string? ScaleOutShare { get; init; }

    /// <summary>A share of the target with ForceLevel2Oplock; the forced level II scenarios use it.</summary>
    public string? ForceLevel2Share { get; init; }

    /// <summary>A continuously available share of the target (persistent handles), and its CATimeout.</summary>
    public string? ContinuouslyAvailableShare { get; init; }
    public TimeSpan? CATimeout { get; init; }
    public const string DefaultContinuouslyAvailableShare = "ca";

    /// <summary>The target's durable open time-out (3.3.2.2), when the run names it.</summary>
    public TimeSpan? DurableTimeout { get; init; }

    /// <summary>A second account of the target, for the scenarios that need another user.</summary>
    public string? OtherUser { get; init; }
    public string? OtherPassword { get; init; }

    public const string Reference = "reference";
    public const string Remote = "remote";
    public const string DefaultEncryptedShare = "encrypted";
    public const string DefaultLimitedShare = "limited";
    public const string DefaultScaleOutShare = "scaleout";

    public static TargetConfiguration Read(Func<string, string?> runParameter, Func<string, string?> environment)
    {
        string? Setting(string parameter, string variable) =>
            NonEmpty(environment(variable)) ?? NonEmpty(runParameter(parameter));

        var host = Setting("Host", "SMB_TARGET_HOST");
        // A host given in the environment outranks the runsettings default target ("reference").
        var kind = (NonEmpty(environment("SMB_TARGET"))
            ?? (NonEmpty(environment("SMB_TARGET_HOST")) is not null ? Remote : null)
            ?? NonEmpty(runParameter("Target"))
            ?? (host is null ? Reference : Remote)).ToLowerInvariant();
        if (kind is not (Reference or Remote))
        {
            throw new ConfigurationException($"Target (SMB_TARGET) is '{kind}': expected '{Reference}' or '{Remote}'");
        }
        var port = Setting("Port", "SMB_TARGET_PORT");
        int? portNumber = null;
        if (port is not null)
        {
            portNumber = int.TryParse(port, out var parsed) && parsed is > 0 and < 65536
                ? parsed
                : throw new ConfigurationException($"Port (SMB_TARGET_PORT) is '{port}': expected a TCP port number 1-65535");
        }
        var maxDialect = Setting("MaxDialect", "SMB_TARGET_MAX_DIALECT");
        return new TargetConfiguration(kind, host, portNumber, Setting("Share", "SMB_TARGET_SHARE"), Setting("User", "SMB_TARGET_USER"),
            Setting("Password", "SMB_TARGET_PASSWORD"), Setting("Domain", "SMB_TARGET_DOMAIN"), maxDialect is null ? null : ParseDialect(maxDialect))
        {
            EncryptedShare = Setting("EncryptedShare", "SMB_TARGET_ENCRYPTED_SHARE") ?? DefaultEncryptedShare,
            OplockBreakTimeout = Setting("OplockBreakTimeout", "SMB_TARGET_OPLOCK_BREAK_TIMEOUT") is { } seconds ? ParseTimeout(seconds, "OplockBreakTimeout (SMB_TARGET_OPLOCK_BREAK_TIMEOUT)") : null,
            LimitedShare = Setting("LimitedShare", "SMB_TARGET_LIMITED_SHARE") ?? DefaultLimitedShare,
            ScaleOutShare = Setting("ScaleOutShare", "SMB_TARGET_SCALEOUT_SHARE") ?? DefaultScaleOutShare,
            ForceLevel2Share = Setting("ForceLevel2Share", "SMB_TARGET_FORCE_LEVEL2_SHARE"),
            DurableTimeout = Setting("DurableTimeout", "SMB_TARGET_DURABLE_TIMEOUT") is { } durable ? ParseTimeout(durable, "DurableTimeout (SMB_TARGET_DURABLE_TIMEOUT)") : null,
            ContinuouslyAvailableShare = Setting("ContinuouslyAvailableShare", "SMB_TARGET_CA_SHARE") ?? DefaultContinuouslyAvailableShare,
            CATimeout = Setting("CATimeout", "SMB_TARGET_CA_TIMEOUT") is { } caTimeout ? ParseTimeout(caTimeout, "CATimeout (SMB_TARGET_CA_TIMEOUT)") : null,
            OtherUser = Setting("OtherUser", "SMB_TARGET_OTHER_USER"),
            OtherPassword = Setting("OtherPassword", "SMB_TARGET_OTHER_PASSWORD"),

            NetBios = (Setting("Transport", "SMB_TARGET_TRANSPORT")?.ToLowerInvariant() ?? DirectTcp) switch
            {
                DirectTcp => null,
                NetBiosTransport => new Adapters.Transport.NetBiosSessionOptions(ParseNetBiosName(Setting("NetBiosName", "SMB_TARGET_NETBIOS_NAME"))),
                var other => throw new ConfigurationException($"Transport (SMB_TARGET_TRANSPORT) is '{other}': expected '{DirectTcp}' or '{NetBiosTransport}'"),
            },
        };
    }

    private static string ParseNetBiosName(string? name) =>
        name is null ? Adapters.Transport.NetBiosSessionOptions.AnyServerName
        : name.Length <= 15 && System.Text.Ascii.IsValid(name) ? name
        : throw new ConfigurationException($"NetBiosName (SMB_TARGET_NETBIOS_NAME) is '{name}': expected at most 15 ASCII characters");

    private static TimeSpan ParseTimeout(string text, string setting) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds > 0 && TimeSpan.FromSeconds(seconds) <= LongestOplockBreakTimeout
            ? TimeSpan.FromSeconds(seconds)
            : throw new ConfigurationException($"{setting} is '{text}': expected seconds above 0, at most {LongestOplockBreakTimeout.TotalSeconds:0}");

    /// <summary>The settings of a remote target; every missing one is named at once.</summary>
    public TargetSettings ToRemoteSettings()
    {
        var missing = new[] { ("Host", "SMB_TARGET_HOST", Host), ("Share", "SMB_TARGET_SHARE", Share), ("User", "SMB_TARGET_USER", User), ("Password", "SMB_TARGET_PASSWORD", Password) }
            .Where(setting => setting.Item3 is null)
            .Select(setting => $"{setting.Item1} ({setting.Item2})")
            .ToList();
        if (missing.Count > 0)
        {
            throw new ConfigurationException($"a remote target needs {string.Join(", ", missing)}: set them in runsettings.xml TestRunParameters or the environment");
        }
        return new TargetSettings
        {
            Name = $"{Host}:{Port ?? (NetBios is null ? 445 : 139)}",
            Host = Host!,
            Port = Port ?? (NetBios is null ? 445 : 139),
            Share = Share!,
            User = User!,
            Password = Password!,
            Domain = Domain ?? "WORKGROUP",
            MaxDialect = MaxDialect,
            EncryptedShare = EncryptedShare,
            OplockBreakTimeout = OplockBreakTimeout,
            LimitedShare = LimitedShare,
            ScaleOutShare = ScaleOutShare,
            ForceLevel2Share = ForceLevel2Share,
            OtherUser = OtherUser,
            DurableTimeout = DurableTimeout,
            ContinuouslyAvailableShare = ContinuouslyAvailableShare,
            CATimeout = CATimeout,
            OtherPassword = OtherPassword,

            NetBios = NetBios,
        };
    }

    public static Dialect ParseDialect(string text) => text.Trim() switch
    {
        "2.0.2" or "2.02" or "SMB2_02" => Dialect.Smb202,
        "2.1" or "2.10" or "SMB2_10" => Dialect.Smb210,
        "3.0" or "3.00" or "SMB3_00" => Dialect.Smb300,
        "3.0.2" or "3.02" or "SMB3_02" => Dialect.Smb302,
        "3.1.1" or "3.11" or "SMB3_11" => Dialect.Smb311,
        _ => throw new ConfigurationException($"MaxDialect (SMB_TARGET_MAX_DIALECT) is '{text}': expected 2.0.2, 2.1, 3.0, 3.0.2 or 3.1.1"),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
