using System.Diagnostics;
using System.Text.RegularExpressions;
using Conformance.Reports.Html;
using Conformance.Reports.Model;
using static Conformance.Reports.Tests.SyntheticRuns;

namespace Conformance.Reports.Tests;

/// <summary>The HTML report rendered by headless Chromium: matrix counts, links and a failed scenario's frames.</summary>
public partial class HtmlReportTests
{
    private static readonly string[] Negotiate = ["3.3.5.4"];
    private static readonly string[] NegotiateAndSession = ["3.3.5.4", "3.3.5.5"];

    private static ConformanceReport Report(TempDirectory directory)
    {
        // Cited: 3.3.5.4#01 and #03 (a SHOULD, not counted) on samba, 3.3.5.5#02 only on the reference, an id the catalog lacks.
        var samba = Run("samba", Origin,
            Scenario("negotiate.A", Verdict.Passed, Negotiate, requirements: ["3.3.5.4#01", "3.3.5.4#03"]),
            Scenario("negotiate.B", Verdict.Failed, NegotiateAndSession, withFrames: true, requirements: ["3.3.5.4#01", "9.9#01"]),
            Scenario("negotiate.C", Verdict.Inconclusive, Negotiate),
            Scenario("session.D", Verdict.Passed, ["3.3.5.5"]));
        var reference = Run("reference", Origin,
            Scenario("negotiate.A", Verdict.Passed, Negotiate, "reference"),
            Scenario("negotiate.B", Verdict.Passed, NegotiateAndSession, "reference"),
            Scenario("negotiate.C", Verdict.Passed, Negotiate, "reference"),
            Scenario("session.E", Verdict.Failed, ["3.3.5.5"], "reference", requirements: ["3.3.5.5#02"]));
        var expectations = directory.File("samba.tsv");
        File.WriteAllText(expectations, "scenario\texpected\treason\tlink\nnegotiate.A\tfailed\told bug\tbug 9\n");
        return ReportBuilder.Build(RunSet.Merge([samba, reference]), new Dictionary<string, string> { ["samba"] = expectations }, Origin, Catalog(), CatalogScope);
    }

    [Test]
    public void MatrixCountsEachClauseOfEachTarget()
    {
        using var directory = new TempDirectory();
        var report = Report(directory);

        Assert.That(report.Clauses.Select(clause => clause.Clause), Is.EqualTo(new[] { "3.3.5.4", "3.3.5.5" }));
        Assert.That(report.Clauses[0].Title, Is.EqualTo("Receiving an SMB2 NEGOTIATE Request"));
        Assert.That(report.Clauses[1].Title, Is.EqualTo("Receiving an SMB2 SESSION_SETUP Request"), "a title the run does not name comes from the shipped clauses.tsv");
        Assert.That(report.Clauses[0].ByTarget["samba"].Counts, Is.EqualTo(new VerdictCounts(1, 1, 0, 1)));
        Assert.That(report.Clauses[1].ByTarget["samba"].Counts, Is.EqualTo(new VerdictCounts(1, 1, 0, 0)));
        Assert.That(report.Clauses[0].ByTarget["reference"].Counts, Is.EqualTo(new VerdictCounts(3, 0, 0, 0)));
        Assert.That(report.Clauses[1].ByTarget["reference"].Counts, Is.EqualTo(new VerdictCounts(1, 1, 0, 0)));
        Assert.That(report.Targets.Single(target => target.Identity.Label == "samba").Comparison!.Deviations.Select(deviation => deviation.ToString()), Is.EqualTo(new[]
        {
            "negotiate.A: expected failed, got passed (expectation: old bug, bug 9)",
            "negotiate.B: expected passed, got failed",
            "negotiate.C: expected passed, got inconclusive",
        }));
    }

    [Test]
    public void CoverageCountsTestableMustStatementsCitedByAnyTarget()
    {
        using var directory = new TempDirectory();
        var coverage = Report(directory).Coverage;

        Assert.That(coverage.Clauses.Select(clause => clause.Clause), Is.EqualTo(new[] { "3.3.5.4", "3.3.5.5", "3.3.5.6" }), "specification order, like the matrix");
        Assert.That(coverage.Clauses.Select(clause => (clause.Statements, clause.TestableMandatory, clause.Covered, clause.Percentage)),
            Is.EqualTo(new (int, int, int, double?)[] { (5, 3, 1, 33.3), (2, 2, 1, 50.0), (1, 0, 0, null) }));
        Assert.That((coverage.Covered, coverage.TestableMandatory, coverage.Percentage), Is.EqualTo((2, 5, 40.0)));
        Assert.That(coverage.Clauses[0].Uncovered.Select(requirement => requirement.Id), Is.EqualTo(new[] { "3.3.5.4#02", "3.3.5.4#05" }));
        Assert.That(coverage.Clauses[1].Uncovered.Select(requirement => requirement.Id), Is.EqualTo(new[] { "3.3.5.5#01" }));
        Assert.That(coverage.UnknownCitations, Is.EqualTo(new[] { "9.9#01" }));
        Assert.That(coverage.Untestable, Is.EqualTo(1));
        Assert.That(coverage.UntestableByReason, Is.EqualTo(new[] { new UntestableCount("internal state", 1) }));
        Assert.That(coverage.Clauses[0].Untestable, Is.EqualTo(new[] { new UntestableRequirement("3.3.5.4#04", "MUST", "internal state: a counter", "The server keeps its state internally.") }));
    }

    [Test]
    public void TheDenominatorShowsTheStatementsJudgedUntestableWithTheirReasons()
    {
        using var directory = new TempDirectory();
        var html = HtmlReportWriter.Render(Report(directory));

        Assert.That(OverallCoverage(html), Is.EqualTo("Requirement coverage: 2 of 5 testable MUST / MUST NOT statements in scope are cited by at least one scenario ( 40.0% ); 1 judged untestable: 1 internal state; per clause ."));
        Assert.That(html, Does.Contain("data-untestable=\"1\""));
        Assert.That(CoverageRow(html, "total"), Is.EqualTo("All clauses in scope 8 5 2 40.0% 1"));
        Assert.That(html, Does.Contain("<details id=\"untestable\"><summary>MUST statements judged untestable (1 internal state) (1) in 1 clause(s)</summary>"));
        Assert.That(Listed(html, "untestable", "3.3.5.4"), Is.EqualTo(new[] { "3.3.5.4#04 MUST: The server keeps its state internally. [internal state: a counter]" }));
    }

    [Test]
    public void ReportIsSelfContained()
    {
        using var directory = new TempDirectory();
        var html = HtmlReportWriter.Render(Report(directory));

        Assert.That(html, Does.Not.Match(@"(src|href)\s*=\s*""(https?:)?//"), "nothing is fetched from the network");
        Assert.That(html, Does.Not.Contain("<link "));
        Assert.That(html, Does.Contain("<style>").And.Contain("<script>"));
    }

    [Test]
    public async Task ChromiumShowsTheMatrixCountsAndAFailedScenarioWithItsFrames()
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }.Select(FindOnPath).FirstOrDefault(path => path is not null)
            ?? throw new IgnoreException("Chromium is not installed (apt-get install -y chromium): the rendered report cannot be checked");
        using var directory = new TempDirectory();
        var page = directory.File("report.html");
        await File.WriteAllTextAsync(page, HtmlReportWriter.Render(Report(directory)));

        // Open the link of the failed scenario from the matrix: the page's script must open its details.
        var dom = await DumpDomAsync(chromium, directory, new Uri(page).AbsoluteUri + "#" + HtmlReportWriter.ScenarioAnchor("samba", "negotiate.B"));

        Assert.That(Cell(dom, "3.3.5.4", "samba"), Is.EqualTo("1 passed 1 failed 1 inconclusive"));
        Assert.That(Cell(dom, "3.3.5.5", "samba"), Is.EqualTo("1 passed 1 failed"));
        Assert.That(Cell(dom, "3.3.5.4", "reference"), Is.EqualTo("3 passed"));
        Assert.That(dom, Does.Contain("href=\"#s-samba-negotiate.B\""), "the matrix cell links to the failed scenario");
        var failed = DetailsRegex().Match(dom);
        Assert.That(failed.Success, Is.True, "the failed scenario's details are in the page");
        Assert.That(failed.Groups["attributes"].Value, Does.Contain("open"), "following the link opened the failed scenario");
        Assert.That(failed.Groups["body"].Value, Does.Contain("C-&gt;S").And.Contain("C Negotiate MID=0"), "the request frame is shown");
        Assert.That(failed.Groups["body"].Value, Does.Contain("R Negotiate MID=0").And.Contain("STATUS_SUCCESS"), "the response frame is shown");
        Assert.That(failed.Groups["body"].Value, Does.Contain("fe 53 4d 42 40 00"), "the frame bytes are shown");
        Assert.That(OverallCoverage(dom), Does.StartWith("Requirement coverage: 2 of 5 testable MUST / MUST NOT statements in scope").And.Contain("( 40.0% )")
            .And.Contain("1 judged untestable: 1 internal state"));
        Assert.That(CoverageRow(dom, "3.3.5.4"), Is.EqualTo("3.3.5.4 Receiving an SMB2 NEGOTIATE Request 5 3 1 33.3% 1"));
        Assert.That(CoverageRow(dom, "3.3.5.5"), Is.EqualTo("3.3.5.5 Receiving an SMB2 SESSION_SETUP Request 2 2 1 50.0% 0"));
        Assert.That(CoverageRow(dom, "3.3.5.6"), Is.EqualTo("3.3.5.6 Receiving an SMB2 LOGOFF Request 1 0 0 – 0"));
        Assert.That(CoverageRow(dom, "total"), Is.EqualTo("All clauses in scope 8 5 2 40.0% 1"));
        Assert.That(Uncovered(dom, "3.3.5.4"), Is.EqualTo(new[]
        {
            "3.3.5.4#02 MUST NOT: The server does not answer an empty dialect list with success.",
            "3.3.5.4#05 MUST: The server sets SecurityMode <signing> & <check>.",
        }));
        Assert.That(Uncovered(dom, "3.3.5.5"), Is.EqualTo(new[] { "3.3.5.5#01 MUST: The server rejects an unknown session." }));
        Assert.That(dom, Does.Not.Contain("data-clause=\"3.3.5.6\">"), "a clause without testable MUST statements lists nothing uncovered");
        Assert.That(dom, Does.Match("<details id=\"uncovered\"><summary>Uncovered testable MUST statements \\(3\\) in 2 clause\\(s\\)</summary>"));
        Assert.That(dom, Does.Match("<ul class=\"newly-passing\"><li><a href=\"#s-samba-negotiate.A\">negotiate.A</a>: expected failed, got passed"));
        Assert.That(dom, Does.Match("<ul class=\"new-failures\"><li><a href=\"#s-samba-negotiate.B\">negotiate.B</a>: expected passed, got failed"));
    }

    /// <summary>The text of a matrix cell, tags removed, without its scenario links.</summary>
    private static string Cell(string dom, string clause, string target)
    {
        var row = Regex.Match(dom, $"<tr data-clause=\"{Regex.Escape(clause)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.That(row.Success, Is.True, $"matrix row {clause}");
        var cell = Regex.Match(row.Groups[1].Value, $"<td class=\"cell [^\"]*\" data-target=\"{Regex.Escape(target)}\"[^>]*>(.*?)(<ul|</td>)", RegexOptions.Singleline);
        Assert.That(cell.Success, Is.True, $"matrix cell {clause} x {target}");
        return Regex.Replace(Regex.Replace(cell.Groups[1].Value, "<[^>]+>", " "), @"\s+", " ").Trim();
    }

    private static string OverallCoverage(string dom)
    {
        var paragraph = Regex.Match(dom, "<header>.*?<p id=\"coverage-overall\"[^>]*>(.*?)</p>.*?</header>", RegexOptions.Singleline);
        Assert.That(paragraph.Success, Is.True, "the overall coverage is in the header");
        return Text(paragraph.Groups[1].Value);
    }

    private static string CoverageRow(string dom, string clause)
    {
        var row = Regex.Match(dom, $"<tr data-coverage-clause=\"{Regex.Escape(clause)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.That(row.Success, Is.True, $"coverage row {clause}");
        return Text(row.Groups[1].Value);
    }

    private static string[] Uncovered(string dom, string clause) => Listed(dom, "uncovered", clause);

    /// <summary>The items of the folded list <paramref name="kind"/> ("uncovered", "untestable") for a clause.</summary>
    private static string[] Listed(string dom, string kind, string clause)
    {
        var list = Regex.Match(dom, $"<ul class=\"{kind}\" data-clause=\"{Regex.Escape(clause)}\">(.*?)</ul>", RegexOptions.Singleline);
        Assert.That(list.Success, Is.True, $"{kind} list of {clause}");
        return Regex.Matches(list.Groups[1].Value, "<li>(.*?)</li>", RegexOptions.Singleline).Select(item => Text(item.Groups[1].Value)).ToArray();
    }

    /// <summary>Tags removed, entities decoded, white space collapsed.</summary>
    private static string Text(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ")).Trim();

    [GeneratedRegex("<details class=\"scenario v-failed\" id=\"s-samba-negotiate.B\"(?<attributes>[^>]*)>(?<body>.*?)</details>\\s*<details class=\"scenario", RegexOptions.Singleline)]
    private static partial Regex DetailsRegex();

    private static async Task<string> DumpDomAsync(string chromium, TempDirectory directory, string url)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={directory.File("chromium-profile")}", "--dump-dom", url,
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(bound.Token);
        var error = process.StandardError.ReadToEndAsync(bound.Token);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.That(process.ExitCode, Is.Zero, await error);
        return await output;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
