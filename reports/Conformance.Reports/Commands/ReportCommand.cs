using System.Text.Json;
using Conformance.Reports.Html;
using Conformance.Reports.Model;

namespace Conformance.Reports.Commands;

/// <summary>report: the HTML report and its JSON from merged runs, each target compared with its expectations when there are any.</summary>
public static class ReportCommand
{
    public static int Run(CommandLine arguments, TextWriter output)
    {
        var runs = RunSet.Merge(arguments.Runs());
        var htmlPath = arguments.Optional("--out") ?? Path.Combine("reports", "out", "conformance.html");
        var jsonPath = arguments.Optional("--json") ?? Path.ChangeExtension(htmlPath, ".json");
        var expectations = ExpectationFiles(arguments, runs);

        var report = ReportBuilder.Build(runs, expectations, DateTimeOffset.UtcNow);
        Write(htmlPath, HtmlReportWriter.Render(report));
        Write(jsonPath, JsonSerializer.Serialize(report, RunFile.Options));

        foreach (var target in report.Targets)
        {
            output.WriteLine($"{target.Identity.Label}: {target.Totals.Passed} passed, {target.Totals.Failed} failed, {target.Totals.Broken} broken, {target.Totals.Inconclusive} inconclusive" +
                (target.Comparison is { } comparison ? $"; {comparison.Deviations.Count} deviation(s) from {target.Expectations}" : ""));
        }
        output.WriteLine($"wrote {htmlPath} and {jsonPath}");
        return 0;
    }

    private static Dictionary<string, string> ExpectationFiles(CommandLine arguments, RunSet runs)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var directory = arguments.Optional("--expectations-dir") ?? Path.Combine("reports", "expectations");
        foreach (var target in runs.Targets)
        {
            var candidate = Path.Combine(directory, RunFile.SafeName(target.Label) + ".tsv");
            if (File.Exists(candidate))
            {
                files[target.Label] = candidate;
            }
        }
        foreach (var pair in arguments.All("--expectations"))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new UsageException($"--expectations takes LABEL=FILE.tsv, got '{pair}'");
            }
            files[pair[..separator]] = pair[(separator + 1)..];
        }
        return files;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }
}
