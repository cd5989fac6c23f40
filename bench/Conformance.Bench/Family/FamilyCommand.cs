using System.Globalization;
using System.Text;
using Conformance.Bench.Targets;
using Conformance.Scenarios;
using Conformance.TestSuite;

namespace Conformance.Bench.Family;

/// <summary>
/// <c>family [NAME|all] [--samba HOST:PORT] [--user U --password P --share S [--domain D]]</c>: every
/// scenario of the family (default "negotiate"; "all": each family in turn, then a table per family and in total) in-process against the built-in reference server and,
/// when one is given (or SMB_TARGET_HOST / SMB_TARGET_PORT are set), a Samba on loopback; prints the
/// wall time per target, its slowest scenarios and the verdict counts. Issue 4's budget (under 15 s
/// against the reference server, under 30 s against Samba) is measured here, never asserted in a test.
/// </summary>
public static class FamilyCommand
{
    public const string Name = "family";
    private const int Slowest = 5;
    public const string All = "all";
    private const string Usage = "usage: family [NAME|all] [--samba HOST:PORT] [--user U --password P --share S [--domain D]]";

    public static async Task<int> RunAsync(string[] arguments)
    {
        var named = arguments is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal);
        var family = named ? arguments[0] : ScenarioFamily.Negotiate;
        TargetSettings? samba;
        string? sambaSkipped;
        try
        {
            var options = TargetsCommand.ParseOptions(named ? arguments[1..] : arguments);
            (samba, sambaSkipped) = TargetsCommand.SambaTarget(options);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }
        var families = family == All
            ? ScenarioCatalog.All.Select(scenario => scenario.Family).Distinct().Order(StringComparer.Ordinal).ToList()
            : [family];
        if (family != All && !ScenarioCatalog.All.Any(scenario => scenario.Family == family))
        {
            var known = string.Join(", ", ScenarioCatalog.All.Select(scenario => scenario.Family).Distinct());
            await Console.Error.WriteLineAsync($"no scenario in family '{family}' (families: {known}, or {All})\n{Usage}");
            return 2;
        }
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(20 * families.Count));
        var rows = new List<(string Family, int Count, FamilyFigures Reference, FamilyFigures? Samba)>();
        foreach (var name in families)
        {
            var scenarios = ScenarioCatalog.All.Where(scenario => scenario.Family == name).ToList();
            Console.WriteLine($"Family {name}: {scenarios.Count} scenarios, run sequentially in-process, each bounded by {FamilyRun.ScenarioBound.TotalSeconds:0} s; " +
                $"wall time includes the capability probe and the scratch directory. {Environment.ProcessorCount} processor(s).");
            FamilyFigures reference;
            var started = await ReferenceServerTarget.StartAsync(maxDialect: null, profile: null, bound.Token);
            await using (started.Server)
            {
                reference = await FamilyRun.RunAsync(started.Settings with { Name = "reference" }, scenarios,
                    (_, scratch) => ReferenceServerTarget.Profiles(maxDialect: null, scratch, FamilyRun.ConnectionOptions), bound.Token);
            }
            Console.Write(Format(reference));
            FamilyFigures? sambaFigures = null;
            if (samba is not null)
            {
                var encrypted = Environment.GetEnvironmentVariable("SMB_TARGET_ENCRYPTED_SHARE") is { Length: > 0 } share ? share : TargetConfiguration.DefaultEncryptedShare;
                var limited = Environment.GetEnvironmentVariable("SMB_TARGET_LIMITED_SHARE") is { Length: > 0 } one ? one : TargetConfiguration.DefaultLimitedShare;
                var target = samba with
                {
                    EncryptedShare = encrypted,
                    LimitedShare = limited,
                    ScaleOutShare = TargetConfiguration.DefaultScaleOutShare,
                    ContinuouslyAvailableShare = TargetConfiguration.DefaultContinuouslyAvailableShare,
                    ForceLevel2Share = Environment.GetEnvironmentVariable("SMB_TARGET_FORCE_LEVEL2_SHARE") is { Length: > 0 } level2 ? level2 : null,
                    OtherUser = Environment.GetEnvironmentVariable("SMB_TARGET_OTHER_USER") is { Length: > 0 } other ? other : null,
                    OtherPassword = Environment.GetEnvironmentVariable("SMB_TARGET_OTHER_PASSWORD"),
                };
                sambaFigures = await FamilyRun.RunAsync(target, scenarios, (capabilities, _) => new ObservedProfileTargets(target, capabilities, FamilyRun.ConnectionOptions), bound.Token);
                Console.Write(Format(sambaFigures));
            }
            rows.Add((name, scenarios.Count, reference, sambaFigures));
        }
        if (samba is null)
        {
            Console.WriteLine($"\nSamba skipped: {sambaSkipped}");
        }
        if (rows.Count > 1)
        {
            Console.Write(Summary(rows));
        }
        return 0;
    }

    /// <summary>Per family and in total: the serial wall time against each target (parallel execution of scenarios is not measured yet).</summary>
    public static string Summary(IReadOnlyList<(string Family, int Count, FamilyFigures Reference, FamilyFigures? Samba)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\nserial wall time per family (probe, scenarios one after the other, cleanup):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"family",-20} {"scenarios",9} {"reference",11} {"Samba",11}");
        foreach (var (name, count, reference, samba) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-20} {count,9} {Seconds(reference.Total),11} {(samba is null ? "-" : Seconds(samba.Total)),11}");
        }
        var sambaTotal = rows.All(row => row.Samba is not null) ? Seconds(TimeSpan.FromTicks(rows.Sum(row => row.Samba!.Total.Ticks))) : "-";
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"total",-20} {rows.Sum(row => row.Count),9} {Seconds(TimeSpan.FromTicks(rows.Sum(row => row.Reference.Total.Ticks))),11} {sambaTotal,11}");
        return text.ToString();
    }

    public static string Format(FamilyFigures figures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n{figures.Target}: {Seconds(figures.Total)} wall time " +
            $"(probe + scratch directory {Seconds(figures.Setup)}, scenarios {Seconds(figures.Scenarios)}, cleanup {Seconds(figures.Cleanup)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  verdicts: {figures.Count(FamilyVerdict.Passed)} passed, {figures.Count(FamilyVerdict.Failed)} failed, " +
            $"{figures.Count(FamilyVerdict.Inconclusive)} inconclusive, {figures.Count(FamilyVerdict.Broken)} broken");
        text.AppendLine(CultureInfo.InvariantCulture, $"  slowest {Slowest}:");
        foreach (var timing in figures.Timings.OrderByDescending(timing => timing.Elapsed).Take(Slowest))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {timing.Elapsed.TotalMilliseconds,8:0} ms  {timing.Verdict.ToString().ToLowerInvariant(),-12} {timing.Id}");
        }
        foreach (var timing in figures.Timings.Where(timing => timing.Verdict is not FamilyVerdict.Passed))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {timing.Verdict.ToString().ToLowerInvariant()}: {timing.Id}: {timing.Message}");
        }
        return text.ToString();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
