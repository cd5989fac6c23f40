using System.Globalization;
using System.Text;
using Conformance.Bench.Targets;
using Conformance.Scenarios;
using Conformance.TestSuite;

namespace Conformance.Bench.Family;

/// <summary>
/// <c>family [NAME] [--samba HOST:PORT] [--user U --password P --share S [--domain D]]</c>: every
/// scenario of the family (default "negotiate") in-process against the built-in reference server and,
/// when one is given (or SMB_TARGET_HOST / SMB_TARGET_PORT are set), a Samba on loopback; prints the
/// wall time per target, its slowest scenarios and the verdict counts. Issue 4's budget (under 15 s
/// against the reference server, under 30 s against Samba) is measured here, never asserted in a test.
/// </summary>
public static class FamilyCommand
{
    public const string Name = "family";
    private const int Slowest = 5;
    private const string Usage = "usage: family [NAME] [--samba HOST:PORT] [--user U --password P --share S [--domain D]]";

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
        var scenarios = ScenarioCatalog.All.Where(scenario => scenario.Family == family).ToList();
        if (scenarios.Count == 0)
        {
            var known = string.Join(", ", ScenarioCatalog.All.Select(scenario => scenario.Family).Distinct());
            await Console.Error.WriteLineAsync($"no scenario in family '{family}' (families: {known})\n{Usage}");
            return 2;
        }

        Console.WriteLine($"Family {family}: {scenarios.Count} scenarios, run sequentially in-process, each bounded by {FamilyRun.ScenarioBound.TotalSeconds:0} s; " +
            $"wall time includes the capability probe and the scratch directory. {Environment.ProcessorCount} processor(s).");
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var results = new List<FamilyFigures>();
        var reference = await ReferenceServerTarget.StartAsync(maxDialect: null, profile: null, bound.Token);
        await using (reference.Server)
        {
            results.Add(await FamilyRun.RunAsync(reference.Settings with { Name = "reference" }, scenarios,
                (_, scratch) => ReferenceServerTarget.Profiles(maxDialect: null, scratch, FamilyRun.ConnectionOptions), bound.Token));
        }
        Console.Write(Format(results[^1]));
        if (samba is not null)
        {
            var encrypted = Environment.GetEnvironmentVariable("SMB_TARGET_ENCRYPTED_SHARE") is { Length: > 0 } share ? share : TargetConfiguration.DefaultEncryptedShare;
            var limited = Environment.GetEnvironmentVariable("SMB_TARGET_LIMITED_SHARE") is { Length: > 0 } one ? one : TargetConfiguration.DefaultLimitedShare;
            var target = samba with
            {
                EncryptedShare = encrypted,
                LimitedShare = limited,
                ScaleOutShare = TargetConfiguration.DefaultScaleOutShare,
                ForceLevel2Share = Environment.GetEnvironmentVariable("SMB_TARGET_FORCE_LEVEL2_SHARE") is { Length: > 0 } level2 ? level2 : null,
            };
            results.Add(await FamilyRun.RunAsync(target, scenarios, (capabilities, _) => new ObservedProfileTargets(target, capabilities, FamilyRun.ConnectionOptions), bound.Token));
            Console.Write(Format(results[^1]));
        }
        else
        {
            Console.WriteLine($"\nSamba skipped: {sambaSkipped}");
        }
        return 0;
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
