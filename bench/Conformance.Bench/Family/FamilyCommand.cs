using System.Globalization;
using System.Text;
using Conformance.Bench.Targets;
using Conformance.Scenarios;
using Conformance.Scenarios.Running;
using Conformance.TestSuite;

namespace Conformance.Bench.Family;

/// <summary>
/// <c>family [NAME|all] [--samba HOST:PORT] [--user U --password P --share S [--domain D]]</c>: every
/// scenario of the family (default "negotiate"; "all": each family in turn, then a table per family and in total) in-process against the built-in reference server and,
/// when one is given (or SMB_TARGET_HOST / SMB_TARGET_PORT are set), a Samba on loopback, one scenario
/// at a time and then side by side (<see cref="ScenarioWorkers.Default"/> at once); prints the wall
/// time per target, its slowest scenarios, the verdict counts and any verdict that differs between the
/// two runs. The time budgets of the issues are measured here, never asserted in a test.
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
        var workers = ScenarioWorkers.Default;
        var sambaTarget = samba is null ? null : SambaSettings(samba);
        var rows = new List<FamilyRow>();
        foreach (var name in families)
        {
            var scenarios = ScenarioCatalog.All.Where(scenario => scenario.Family == name).ToList();
            Console.WriteLine($"Family {name}: {scenarios.Count} scenarios in-process, each bounded by {RunDefaults.ScenarioBound.TotalSeconds:0} s, run one at a time and then " +
                $"up to {workers} at once; wall time includes the capability probe and the scratch directory. {Environment.ProcessorCount} processor(s).");
            var reference = await ReferenceAsync(scenarios, workers, bound.Token);
            var sambaPair = sambaTarget is null ? null : await SambaAsync(sambaTarget, scenarios, workers, bound.Token);
            rows.Add(new FamilyRow(name, scenarios.Count, reference, sambaPair));
        }
        if (samba is null)
        {
            Console.WriteLine($"\nSamba skipped: {sambaSkipped}");
        }
        if (rows.Count > 1)
        {
            // The whole suite in one parallel run: families overlap, as in the suite's own parallel run.
            var all = ScenarioCatalog.All.ToList();
            var referenceAll = await RunReferenceAsync(all, workers, bound.Token);
            var sambaAll = sambaTarget is null ? null : await RunSambaAsync(sambaTarget, all, workers, bound.Token);
            Console.Write(Summary(rows, referenceAll, sambaAll));
        }
        return 0;
    }

    /// <summary>A family's figures against one target: one scenario at a time, then side by side.</summary>
    public sealed record RunPair(BatchFigures Serial, BatchFigures Parallel);

    public sealed record FamilyRow(string Family, int Count, RunPair Reference, RunPair? Samba);

    private static async Task<RunPair> ReferenceAsync(IReadOnlyList<ScenarioDescriptor> scenarios, int workers, CancellationToken cancellationToken)
    {
        var serial = await RunReferenceAsync(scenarios, 1, cancellationToken);
        var parallel = await RunReferenceAsync(scenarios, workers, cancellationToken);
        Console.Write(Format(serial) + Format(parallel) + Differences(serial, parallel));
        return new RunPair(serial, parallel);
    }

    private static async Task<RunPair> SambaAsync(TargetSettings samba, IReadOnlyList<ScenarioDescriptor> scenarios, int workers, CancellationToken cancellationToken)
    {
        var serial = await RunSambaAsync(samba, scenarios, 1, cancellationToken);
        var parallel = await RunSambaAsync(samba, scenarios, workers, cancellationToken);
        Console.Write(Format(serial) + Format(parallel) + Differences(serial, parallel));
        return new RunPair(serial, parallel);
    }

    private static async Task<BatchFigures> RunReferenceAsync(IReadOnlyList<ScenarioDescriptor> scenarios, int workers, CancellationToken cancellationToken)
    {
        var started = await ReferenceServerTarget.StartAsync(maxDialect: null, profile: null, cancellationToken);
        await using (started.Server)
        {
            return await ScenarioBatch.RunAsync(started.Settings with { Name = "reference" }, scenarios, workers,
                (_, scratch) => ReferenceServerTarget.Profiles(maxDialect: null, scratch, RunDefaults.ConnectionOptions), ReferenceServerFaultLog.Shared, cancellationToken);
        }
    }

    private static Task<BatchFigures> RunSambaAsync(TargetSettings samba, IReadOnlyList<ScenarioDescriptor> scenarios, int workers, CancellationToken cancellationToken) =>
        ScenarioBatch.RunAsync(samba, scenarios, workers, (capabilities, _) => new ObservedProfileTargets(samba, capabilities, RunDefaults.ConnectionOptions), null, cancellationToken);

    /// <summary>The shares and accounts of a private Samba (targets/samba), from the environment where it names them.</summary>
    private static TargetSettings SambaSettings(TargetSettings samba) => samba with
    {
        EncryptedShare = Environment.GetEnvironmentVariable("SMB_TARGET_ENCRYPTED_SHARE") is { Length: > 0 } share ? share : TargetConfiguration.DefaultEncryptedShare,
        LimitedShare = Environment.GetEnvironmentVariable("SMB_TARGET_LIMITED_SHARE") is { Length: > 0 } one ? one : TargetConfiguration.DefaultLimitedShare,
        ScaleOutShare = TargetConfiguration.DefaultScaleOutShare,
        ContinuouslyAvailableShare = TargetConfiguration.DefaultContinuouslyAvailableShare,
        ForceLevel2Share = Environment.GetEnvironmentVariable("SMB_TARGET_FORCE_LEVEL2_SHARE") is { Length: > 0 } level2 ? level2 : null,
        OtherUser = Environment.GetEnvironmentVariable("SMB_TARGET_OTHER_USER") is { Length: > 0 } other ? other : null,
        OtherPassword = Environment.GetEnvironmentVariable("SMB_TARGET_OTHER_PASSWORD"),
    };

    /// <summary>The scenarios whose verdict in <paramref name="parallel"/> is not the one of <paramref name="serial"/>; empty when all agree.</summary>
    public static IReadOnlyList<string> VerdictDifferences(BatchFigures serial, BatchFigures parallel)
    {
        var serialVerdicts = serial.Timings.ToDictionary(timing => timing.Id, timing => timing.Verdict);
        return [.. parallel.Timings
            .Where(timing => serialVerdicts.TryGetValue(timing.Id, out var verdict) && verdict != timing.Verdict)
            .Select(timing => $"{timing.Id}: {VerdictName(serialVerdicts[timing.Id])} one at a time, {VerdictName(timing.Verdict)} side by side ({timing.Message})")];
    }

    private static string Differences(BatchFigures serial, BatchFigures parallel)
    {
        var differences = VerdictDifferences(serial, parallel);
        return differences.Count == 0
            ? "  the same verdicts one at a time and side by side\n"
            : $"  {differences.Count} verdict(s) differ:\n" + string.Concat(differences.Select(difference => $"    {difference}\n"));
    }

    /// <summary>Per family and in total: the wall time against each target, one scenario at a time and side by side.</summary>
    public static string Summary(IReadOnlyList<FamilyRow> rows, BatchFigures referenceAll, BatchFigures? sambaAll)
    {
        var text = new StringBuilder();
        var workers = rows[0].Reference.Parallel.Workers;
        text.AppendLine(CultureInfo.InvariantCulture, $"\nwall time per family (probe, scenarios, cleanup), one at a time and up to {workers} at once:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"family",-20} {"scenarios",9} {"reference",11} {"parallel",11} {"Samba",11} {"parallel",11}");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {row.Family,-20} {row.Count,9} {Seconds(row.Reference.Serial.Total),11} {Seconds(row.Reference.Parallel.Total),11} " +
                $"{(row.Samba is null ? "-" : Seconds(row.Samba.Serial.Total)),11} {(row.Samba is null ? "-" : Seconds(row.Samba.Parallel.Total)),11}");
        }
        var sambaSerial = rows.All(row => row.Samba is not null) ? Seconds(TimeSpan.FromTicks(rows.Sum(row => row.Samba!.Serial.Total.Ticks))) : "-";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  {"whole suite",-20} {rows.Sum(row => row.Count),9} {Seconds(TimeSpan.FromTicks(rows.Sum(row => row.Reference.Serial.Total.Ticks))),11} {Seconds(referenceAll.Total),11} " +
            $"{sambaSerial,11} {(sambaAll is null ? "-" : Seconds(sambaAll.Total)),11}");
        text.AppendLine("  (whole suite: one at a time is the sum of the families; side by side is one run of every scenario, families overlapping)");
        text.Append(WholeSuiteVerdicts("reference", rows.Select(row => row.Reference.Serial), referenceAll));
        if (sambaAll is not null)
        {
            text.Append(WholeSuiteVerdicts("Samba", rows.Select(row => row.Samba!.Serial), sambaAll));
        }
        return text.ToString();
    }

    private static string WholeSuiteVerdicts(string target, IEnumerable<BatchFigures> serialFamilies, BatchFigures parallel)
    {
        var serial = serialFamilies.ToList();
        var merged = new BatchFigures(target, 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, [.. serial.SelectMany(figures => figures.Timings)]);
        var differences = VerdictDifferences(merged, parallel);
        return differences.Count == 0
            ? $"  {target}: the whole suite side by side gives every verdict of the families run one at a time\n"
            : $"  {target}: {differences.Count} verdict(s) of the whole suite side by side differ:\n" + string.Concat(differences.Select(difference => $"    {difference}\n"));
    }

    public static string Format(BatchFigures figures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n{figures.Target}, {(figures.Workers == 1 ? "one at a time" : $"up to {figures.Workers} at once")}: {Seconds(figures.Total)} wall time " +
            $"(probe + scratch directory {Seconds(figures.Setup)}, scenarios {Seconds(figures.Scenarios)}, cleanup {Seconds(figures.Cleanup)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  verdicts: {figures.Count(ScenarioVerdict.Passed)} passed, {figures.Count(ScenarioVerdict.Failed)} failed, " +
            $"{figures.Count(ScenarioVerdict.Inconclusive)} inconclusive, {figures.Count(ScenarioVerdict.Broken)} broken");
        text.AppendLine(CultureInfo.InvariantCulture, $"  slowest {Slowest}:");
        foreach (var timing in figures.Timings.OrderByDescending(timing => timing.Elapsed).Take(Slowest))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {timing.Elapsed.TotalMilliseconds,8:0} ms  {VerdictName(timing.Verdict),-12} {timing.Id}");
        }
        foreach (var timing in figures.Timings.Where(timing => timing.Verdict is not ScenarioVerdict.Passed))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {VerdictName(timing.Verdict)}: {timing.Id}: {timing.Message}");
        }
        return text.ToString();
    }

    private static string VerdictName(ScenarioVerdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
