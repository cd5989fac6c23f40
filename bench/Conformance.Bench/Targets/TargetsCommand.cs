using System.Globalization;
using System.Net;
using Conformance.ReferenceServer.Hosting;
using Conformance.Scenarios;

namespace Conformance.Bench.Targets;

/// <summary>
/// <c>targets [--samba HOST:PORT] [--user U --password P --share S [--domain D]]</c>: the bounded
/// workload against the reference server (run as a process of its own) and, when one is given (or SMB_TARGET_HOST /
/// SMB_TARGET_PORT are set), a Samba on loopback; prints each figure and the ratio reference/Samba,
/// then the CPU time per operation of each (this process's, plus the server's from /proc).
/// </summary>
public static class TargetsCommand
{
    public const string Name = "targets";
    private const string Usage = "usage: targets [--samba HOST:PORT] [--user U --password P --share S [--domain D]]";

    public static async Task<int> RunAsync(string[] arguments)
    {
        Dictionary<string, string> options;
        TargetSettings? samba;
        string? sambaSkipped;
        try
        {
            options = ParseOptions(arguments);
            (samba, sambaSkipped) = SambaTarget(options);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }

        Console.WriteLine($"Workload per target: {TargetWorkload.EchoCount} ECHO, {TargetWorkload.TransferTotal / (1024 * 1024)} MiB WRITE then READ in " +
            $"{TargetWorkload.TransferChunk / 1024} KiB requests, {TargetWorkload.CreateCloseCount} CREATE+CLOSE; best of {TargetWorkload.Rounds} rounds, each phase bounded by {TargetWorkload.PhaseLimit.TotalSeconds:0} s; sequential, one connection; " +
            "each target twice, in the order reference, Samba, Samba, reference, the better run of each phase counting.");
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        // The first run pays for compiling the client's code and growing its heap: each target runs twice, in the
        // order reference, Samba, Samba, reference, and the better figures count.
        await using var server = await ReferenceServerProcess.StartAsync(bound.Token);
        var reference = await RunReferenceAsync(server, bound.Token);
        Console.WriteLine($"reference: {reference.Connection}");
        Console.WriteLine("reference server CPU time: the ReferenceServer process this command started, built alongside it");
        WorkloadFigures? sambaFigures = null;
        if (samba is not null)
        {
            var (smbd, unobserved) = ServerCpuTime.Find(samba.Port);
            sambaFigures = await TargetWorkload.RunAsync(samba, new CpuClock(smbd), bound.Token);
            sambaFigures = WorkloadFigures.Better(sambaFigures, await TargetWorkload.RunAsync(samba, new CpuClock(smbd), bound.Token));
            Console.WriteLine($"Samba:     {sambaFigures.Connection}");
            Console.WriteLine(smbd is null ? $"smbd CPU time not observed: {unobserved}" : $"smbd CPU time: process {smbd.RootPid} ({smbd.FoundBy}) and its children");
        }
        else
        {
            Console.WriteLine($"Samba skipped: {sambaSkipped}");
        }
        reference = WorkloadFigures.Better(reference, await RunReferenceAsync(server, bound.Token));
        Console.WriteLine();
        Console.Write(FiguresTable.Format(reference, sambaFigures));
        return 0;
    }

    /// <summary>The workload against the ReferenceServer process (one for both runs, so the second finds it warm, as smbd always is).</summary>
    private static Task<WorkloadFigures> RunReferenceAsync(ReferenceServerProcess server, CancellationToken cancellationToken) =>
        TargetWorkload.RunAsync(new TargetSettings
        {
            Name = "reference",
            Host = "127.0.0.1",
            Port = server.Port,
            Share = "conf",
            User = ServerConfiguration.DefaultUser,
            Password = ServerConfiguration.DefaultPassword,
            Domain = ServerConfiguration.DefaultDomain,
            IsReferenceServer = true,
        }, new CpuClock(ServerCpuTime.ForProcess(server.Pid, "started by this command")), cancellationToken);

    /// <summary>"--option value" pairs of the known options; anything else is an <see cref="ArgumentException"/>.</summary>
    internal static Dictionary<string, string> ParseOptions(IReadOnlyList<string> arguments)
    {
        var known = new[] { "--samba", "--user", "--password", "--share", "--domain" };
        var options = new Dictionary<string, string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (!known.Contains(arguments[i]))
            {
                throw new ArgumentException($"unknown option '{arguments[i]}'");
            }
            if (i + 1 >= arguments.Count)
            {
                throw new ArgumentException($"{arguments[i]} needs a value");
            }
            options[arguments[i]] = arguments[++i];
        }
        return options;
    }

    /// <summary>The command line first, then the SMB_TARGET_* environment, then the private Samba's defaults (tester / Passw0rd! / conf).</summary>
    internal static (TargetSettings? Target, string? Skipped) SambaTarget(Dictionary<string, string> options)
    {
        string? Environment(string variable) => System.Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
        string Setting(string option, string variable, string fallback) => options.GetValueOrDefault(option) ?? Environment(variable) ?? fallback;

        string host;
        int port;
        if (options.TryGetValue("--samba", out var endPoint))
        {
            var colon = endPoint.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(endPoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw new ArgumentException($"--samba '{endPoint}': expected HOST:PORT with a port 1-65535");
            }
            host = endPoint[..colon];
        }
        else if (Environment("SMB_TARGET_HOST") is not null || Environment("SMB_TARGET_PORT") is not null)
        {
            host = Environment("SMB_TARGET_HOST") ?? "127.0.0.1";
            var text = Environment("SMB_TARGET_PORT") ?? "445";
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw new ArgumentException($"SMB_TARGET_PORT '{text}': expected a TCP port number 1-65535");
            }
        }
        else
        {
            return (null, "no --samba HOST:PORT given and neither SMB_TARGET_HOST nor SMB_TARGET_PORT is set (bash targets/samba/start.sh starts one on 127.0.0.1:4455)");
        }
        if (!IsLoopback(host))
        {
            throw new ArgumentException($"Samba host '{host}' is not a loopback address: this benchmark runs on loopback only");
        }
        return (new TargetSettings
        {
            Name = "Samba",
            Host = host,
            Port = port,
            Share = Setting("--share", "SMB_TARGET_SHARE", "conf"),
            User = Setting("--user", "SMB_TARGET_USER", ServerConfiguration.DefaultUser),
            Password = Setting("--password", "SMB_TARGET_PASSWORD", ServerConfiguration.DefaultPassword),
            Domain = Setting("--domain", "SMB_TARGET_DOMAIN", ServerConfiguration.DefaultDomain),
        }, null);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
