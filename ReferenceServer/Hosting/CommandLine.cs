using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;

namespace Conformance.ReferenceServer.Hosting;

/// <summary>The command line of the reference server, parsed into a <see cref="ServerConfiguration"/>.</summary>
public sealed record CommandLine(ServerConfiguration? Configuration, string? Error, bool Help = false)
{
    public const string Usage =
        "usage: ReferenceServer [--port N] [--share NAME[=PATH]]... [--encrypt-share NAME]... [--scaleout-share NAME]...\n" +
        "                       [--force-level2-share NAME]... [--ca-share NAME]... [--user NAME:PASSWORD]...\n" +
        "                       [--encrypt] [--max-dialect 2.0.2|2.1|3.0|3.0.2|3.1.1] [--allow-guest] [--require-signing]\n" +
        "                       [--session-lifetime SECONDS] [--oplock-break-timeout SECONDS] [--lease-break-timeout SECONDS]\n" +
        "                       [--durable-timeout SECONDS] [--no-leasing] [--no-directory-leasing]\n" +
        "                       [--netbios-port N] [--netbios-name NAME] [--max-connections N]\n" +
        "                       [--no-multichannel] [--max-channels N] [--interface-speed BITS] [--interface-rss] [--interface-rdma]\n" +
        "  --share NAME=PATH  a share on a directory; NAME alone: in memory. Default: conf and encrypted (in memory)\n" +
        "  --scaleout-share   the share is a scale-out one (STYPE_CLUSTER_SOFS: batch oplocks become level II, leases R)\n" +
        "  --force-level2-share  the share has ForceLevel2Oplock (exclusive oplocks become level II, leases lose W)\n" +
        "  --ca-share         the share is continuously available (persistent handles; Share.CATimeout 45 s)\n" +
        "  --user             default tester:Passw0rd! (domain WORKGROUP)\n" +
        "  --session-lifetime sessions expire this long after they authenticate (as Kerberos tickets do); default never\n" +
        "  --oplock-break-timeout  how long an oplock break waits for its acknowledgment (3.3.2.1); default 35, as Windows\n" +
        "  --lease-break-timeout   how long a lease break waits for its acknowledgment (3.3.4.7); default 35, as Windows\n" +
        "  --no-leasing       no leases (no SMB2_GLOBAL_CAP_LEASING; lease contexts ignored)\n" +
        "  --no-directory-leasing  leases on files only (no SMB2_GLOBAL_CAP_DIRECTORY_LEASING)\n" +
        "  --durable-timeout  how long a disconnected durable open is kept when the client named no time-out (3.3.7.1); default 60\n" +
        "  --netbios-port     also listen for the NetBIOS session service (RFC 1002) on this port (0: any free port); default none\n" +
        "  --netbios-name     the called name a session request must name (or *SMBSERVER); default REFERENCE\n" +
        "  --max-connections  connections served at once; default 64\n" +
        "  --no-multichannel  no SMB2_GLOBAL_CAP_MULTI_CHANNEL (IsMultiChannelCapable FALSE): no session binding\n" +
        "  --max-channels     channels a session may have, its first included (one more bind: STATUS_INSUFFICIENT_RESOURCES); default 32\n" +
        "  --interface-speed  LinkSpeed (bits per second) FSCTL_QUERY_NETWORK_INTERFACE_INFO reports; default 10000000000\n" +
        "  --interface-rss, --interface-rdma  Capability RSS_CAPABLE, RDMA_CAPABLE in that report; default neither";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var configuration = new ServerConfiguration();
        var shares = new List<ShareConfiguration>();
        var shareOptions = new List<(string Option, string Name, Func<ShareConfiguration, ShareConfiguration> Apply)>();
        var users = new List<NtlmCredential>();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (option)
            {
                case "--help" or "-h":
                    return new CommandLine(null, null, Help: true);
                case "--port":
                    if (Number(Value(), 0, 65535) is not { } port)
                    {
                        return Fail("--port takes a number from 0 to 65535");
                    }
                    configuration = configuration with { Port = port };
                    break;
                case "--netbios-port":
                    if (Number(Value(), 0, 65535) is not { } netBiosPort)
                    {
                        return Fail("--netbios-port takes a number from 0 to 65535");
                    }
                    configuration = configuration with { NetBiosPort = netBiosPort };
                    break;
                case "--netbios-name":
                {
                    var value = Value();
                    if (string.IsNullOrEmpty(value) || value.Length > 15 || !System.Text.Ascii.IsValid(value) || value.Contains(' ', StringComparison.Ordinal))
                    {
                        return Fail("--netbios-name takes a name of 1 to 15 ASCII characters, no spaces");
                    }
                    configuration = configuration with { NetBiosName = value.ToUpperInvariant() };
                    break;
                }
                case "--max-connections":
                    if (Number(Value(), 1, 4096) is not { } maxConnections)
                    {
                        return Fail("--max-connections takes a number from 1 to 4096");
                    }
                    configuration = configuration with { MaxConnections = maxConnections };
                    break;
                case "--share":
                {
                    var value = Value();
                    if (string.IsNullOrEmpty(value))
                    {
                        return Fail("--share takes NAME or NAME=PATH");
                    }
                    var separator = value.IndexOf('=');
                    var name = separator < 0 ? value : value[..separator];
                    var path = separator < 0 ? null : value[(separator + 1)..];
                    if (name.Length == 0 || name.Equals("IPC$", StringComparison.OrdinalIgnoreCase) || name.IndexOfAny(['\\', '/', ':']) >= 0)
                    {
                        return Fail($"bad share name \"{name}\"");
                    }
                    if (path is not null && !Directory.Exists(path))
                    {
                        return Fail($"share {name}: directory {path} does not exist");
                    }
                    shares.Add(new ShareConfiguration(name, path is null ? null : Path.GetFullPath(path)));
                    break;
                }
                case "--encrypt-share" or "--scaleout-share" or "--force-level2-share" or "--ca-share":
                {
                    var value = Value();
                    if (string.IsNullOrEmpty(value))
                    {
                        return Fail($"{option} takes a share name");
                    }
                    Func<ShareConfiguration, ShareConfiguration> apply = option switch
                    {
                        "--encrypt-share" => share => share with { EncryptData = true },
                        "--scaleout-share" => share => share with { ScaleOut = true },
                        "--ca-share" => share => share with { ContinuouslyAvailable = true, CATimeout = TimeSpan.FromSeconds(45) },
                        _ => share => share with { ForceLevel2Oplock = true },
                    };
                    shareOptions.Add((option, value, apply));
                    break;
                }
                case "--user":
                {
                    var value = Value();
                    var separator = value?.IndexOf(':') ?? -1;
                    if (value is null || separator <= 0)
                    {
                        return Fail("--user takes NAME:PASSWORD");
                    }
                    users.Add(new NtlmCredential(null, value[..separator], value[(separator + 1)..]));
                    break;
                }
                case "--encrypt":
                    configuration = configuration with { EncryptData = true };
                    break;
                case "--require-signing":
                    configuration = configuration with { RequireMessageSigning = true };
                    break;
                case "--allow-guest":
                    configuration = configuration with { AllowGuest = true };
                    break;
                case "--session-lifetime":
                    if (Seconds(Value()) is not { } lifetime)
                    {
                        return Fail("--session-lifetime takes a number of seconds above 0, at most 86400");
                    }
                    configuration = configuration with { SessionLifetime = lifetime };
                    break;
                case "--oplock-break-timeout":
                    if (Seconds(Value()) is not { } breakTimeout)
                    {
                        return Fail("--oplock-break-timeout takes a number of seconds above 0, at most 86400");
                    }
                    configuration = configuration with { OplockBreakTimeout = breakTimeout };
                    break;
                case "--lease-break-timeout":
                    if (Seconds(Value()) is not { } leaseBreakTimeout)
                    {
                        return Fail("--lease-break-timeout takes a number of seconds above 0, at most 86400");
                    }
                    configuration = configuration with { LeaseBreakTimeout = leaseBreakTimeout };
                    break;
                case "--no-leasing":
                    configuration = configuration with { Leasing = false };
                    break;
                case "--no-multichannel":
                    configuration = configuration with { MultiChannel = false };
                    break;
                case "--max-channels":
                    if (Number(Value(), 1, 1024) is not { } maxChannels)
                    {
                        return Fail("--max-channels takes a number from 1 to 1024");
                    }
                    configuration = configuration with { MaxChannels = maxChannels };
                    break;
                case "--interface-speed":
                    if (!ulong.TryParse(Value(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var speed))
                    {
                        return Fail("--interface-speed takes a number of bits per second");
                    }
                    configuration = configuration with { InterfaceLinkSpeed = speed };
                    break;
                case "--interface-rss":
                    configuration = configuration with { InterfaceCapability = configuration.InterfaceCapability | NetworkInterfaceCapability.RssCapable };
                    break;
                case "--interface-rdma":
                    configuration = configuration with { InterfaceCapability = configuration.InterfaceCapability | NetworkInterfaceCapability.RdmaCapable };
                    break;
                case "--no-directory-leasing":
                    configuration = configuration with { DirectoryLeasing = false };
                    break;
                case "--durable-timeout":
                    if (Seconds(Value()) is not { } durableTimeout)
                    {
                        return Fail("--durable-timeout takes a number of seconds above 0, at most 86400");
                    }
                    configuration = configuration with { DurableTimeout = durableTimeout };
                    break;
                case "--max-dialect":
                {
                    Dialect? dialect = Value() switch
                    {
                        "2.0.2" or "2.02" => Dialect.Smb202,
                        "2.1" or "2.10" => Dialect.Smb210,
                        "3.0" or "3.00" => Dialect.Smb300,
                        "3.0.2" or "3.02" => Dialect.Smb302,
                        "3.1.1" or "3.11" => Dialect.Smb311,
                        _ => null,
                    };
                    if (dialect is null)
                    {
                        return Fail("--max-dialect takes 2.0.2, 2.1, 3.0, 3.0.2 or 3.1.1");
                    }
                    configuration = configuration with { MaxDialect = dialect.Value };
                    break;
                }
                default:
                    return Fail($"unknown argument \"{option}\"");
            }
        }
        var effectiveShares = (shares.Count > 0 ? shares : configuration.EffectiveShares).ToList();
        foreach (var (shareOption, name, apply) in shareOptions)
        {
            var index = effectiveShares.FindIndex(share => share.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return Fail($"{shareOption} {name}: no such share");
            }
            effectiveShares[index] = apply(effectiveShares[index]);
        }
        configuration = configuration with
        {
            Shares = effectiveShares,
            Users = users.Count > 0 ? users : null,
        };
        return new CommandLine(configuration, null);
    }

    private static CommandLine Fail(string error) => new(null, error);

    private static int? Number(string? value, int least, int most) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= least && number <= most ? number : null;

    /// <summary>A time-out option's value: seconds above 0, at most a day, fractions allowed.</summary>
    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 86400
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
