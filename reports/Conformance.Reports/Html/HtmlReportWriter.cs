using System.Globalization;
using System.Net;
using System.Text;
using Conformance.Reports.Expectations;
using Conformance.Reports.Model;

namespace Conformance.Reports.Html;

/// <summary>
/// The report as one self-contained HTML file: inline CSS and script, nothing fetched from the
/// network. Sections: the overall requirement coverage (in the header), targets, summary per family,
/// the clause × target matrix (each cell links to its scenarios), requirement coverage per clause with
/// the uncovered testable MUST statements and those judged untestable (with reasons), deviations from each target's expectations, and every scenario with its verdict,
/// message, failed check and frames.
/// </summary>
public static class HtmlReportWriter
{
    public static string Render(ConformanceReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>SMB2 conformance report</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<header><h1>SMB2 conformance report</h1><p>Generated ")
            .Append(Encode(report.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            .Append(" from ").Append(report.Targets.Sum(target => target.RunCount)).Append(" run(s) of ")
            .Append(report.Targets.Count).Append(" target(s).</p>");
        OverallCoverage(html, report.Coverage);
        html.Append("</header>\n");
        Targets(html, report);
        Families(html, report);
        Matrix(html, report);
        Coverage(html, report.Coverage);
        Deviations(html, report);
        Scenarios(html, report);
        html.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The element id of a scenario's details on a target.</summary>
    public static string ScenarioAnchor(string target, string scenarioId) => $"s-{RunFile.SafeName(target)}-{RunFile.SafeName(scenarioId)}";

    private static void Targets(StringBuilder html, ConformanceReport report)
    {
        html.Append("<section id=\"targets\"><h2>Targets</h2>\n<table><thead><tr><th>Target</th><th>Server</th><th>Dialects</th><th>Ciphers</th><th>Signing</th><th>Runs</th><th>Verdicts</th></tr></thead><tbody>\n");
        foreach (var target in report.Targets)
        {
            var identity = target.Identity;
            html.Append("<tr data-target=\"").Append(Encode(identity.Label)).Append("\"><th>").Append(Encode(identity.Label)).Append("</th><td>")
                .Append(Encode(identity.Name)).Append(identity.IsReferenceServer ? " (built-in reference server)" : "")
                .Append(identity.ServerGuid is null ? "" : $"<br><small>ServerGuid {Encode(identity.ServerGuid)}</small>").Append("</td><td>")
                .Append(Encode(string.Join(", ", identity.Dialects))).Append("</td><td>").Append(Encode(string.Join(", ", identity.Ciphers)))
                .Append("</td><td>").Append(Encode(string.Join(", ", identity.SigningAlgorithms))).Append("</td><td>").Append(target.RunCount)
                .Append("</td>");
            Counts(html, identity.Label, target.Totals, "totals");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></section>\n");
    }

    private static void Families(StringBuilder html, ConformanceReport report)
    {
        html.Append("<section id=\"families\"><h2>Summary per family</h2>\n<table id=\"family-summary\"><thead><tr><th>Family</th>");
        foreach (var target in report.Targets)
        {
            html.Append("<th>").Append(Encode(target.Identity.Label)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>\n");
        foreach (var family in report.Families)
        {
            html.Append("<tr data-family=\"").Append(Encode(family.Family)).Append("\"><th>").Append(Encode(family.Family)).Append("</th>");
            foreach (var target in report.Targets)
            {
                Counts(html, target.Identity.Label, family.ByTarget.GetValueOrDefault(target.Identity.Label, VerdictCounts.None), "counts");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></section>\n");
    }

    private static void Matrix(StringBuilder html, ConformanceReport report)
    {
        html.Append("<section id=\"matrix\"><h2>Clauses &times; targets</h2>\n<table id=\"clause-matrix\"><thead><tr><th>MS-SMB2 clause</th>");
        foreach (var target in report.Targets)
        {
            html.Append("<th>").Append(Encode(target.Identity.Label)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>\n");
        foreach (var clause in report.Clauses)
        {
            html.Append("<tr data-clause=\"").Append(Encode(clause.Clause)).Append("\"><th><span class=\"clause\">").Append(Encode(clause.Clause))
                .Append("</span> <span class=\"title\">").Append(Encode(clause.Title)).Append("</span></th>");
            foreach (var target in report.Targets)
            {
                var label = target.Identity.Label;
                var cell = clause.ByTarget.GetValueOrDefault(label) ?? new ClauseCell(VerdictCounts.None, []);
                html.Append("<td class=\"cell ").Append(CellClass(cell.Counts)).Append('"');
                DataCounts(html, label, cell.Counts);
                html.Append('>');
                CountsText(html, cell.Counts);
                if (cell.ScenarioIds.Count > 0)
                {
                    html.Append("<ul class=\"links\">");
                    foreach (var id in cell.ScenarioIds)
                    {
                        var verdict = target.Scenarios.First(result => result.Id == id).Verdict;
                        html.Append("<li><a class=\"v-").Append(Name(verdict)).Append("\" href=\"#").Append(ScenarioAnchor(label, id)).Append("\" title=\"")
                            .Append(Name(verdict)).Append("\">").Append(Encode(id)).Append("</a></li>");
                    }
                    html.Append("</ul>");
                }
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></section>\n");
    }

    private static void OverallCoverage(StringBuilder html, CoverageReport coverage) =>
        html.Append("<p id=\"coverage-overall\" data-covered=\"").Append(coverage.Covered).Append("\" data-testable=\"").Append(coverage.TestableMandatory)
            .Append("\" data-untestable=\"").Append(coverage.Untestable)
            .Append("\">Requirement coverage: <strong>").Append(coverage.Covered).Append(" of ").Append(coverage.TestableMandatory)
            .Append("</strong> testable MUST / MUST NOT statements in scope are cited by at least one scenario (<strong>")
            .Append(Percent(coverage.Percentage)).Append("</strong>); <strong>").Append(coverage.Untestable)
            .Append("</strong> judged untestable").Append(coverage.Untestable == 0 ? "" : ": " + Encode(DescribeUntestable(coverage)))
            .Append("; <a href=\"#coverage\">per clause</a>.</p>");

    /// <summary>"27 internal state, 7 client duty": the reasons of the statements left out of the figure.</summary>
    private static string DescribeUntestable(CoverageReport coverage) =>
        string.Join(", ", coverage.UntestableByReason.Select(entry => $"{entry.Count} {entry.Reason}"));

    private static void Coverage(StringBuilder html, CoverageReport coverage)
    {
        html.Append("<section id=\"coverage\"><h2>Requirement coverage</h2>\n<p>Testable MUST / MUST NOT statements of the requirement catalog ")
            .Append("(<code>Scenarios/requirements/requirements.tsv</code>) cited by at least one scenario of this report, whatever its verdict; ")
            .Append("SHOULD / MAY statements are not counted, nor are the MUST / MUST NOT statements judged untestable, listed below with their reasons.</p>\n")
            .Append("<table id=\"coverage-table\"><thead><tr><th>MS-SMB2 clause</th><th>Statements</th><th>Testable MUST</th><th>Covered</th><th>Coverage</th><th>Untestable MUST</th></tr></thead><tbody>\n");
        foreach (var clause in coverage.Clauses)
        {
            html.Append("<tr data-coverage-clause=\"").Append(Encode(clause.Clause)).Append("\"><th><span class=\"clause\">").Append(Encode(clause.Clause))
                .Append("</span> <span class=\"title\">").Append(Encode(clause.Title)).Append("</span></th>");
            CoverageCells(html, clause.Statements, clause.TestableMandatory, clause.Covered, clause.Percentage, clause.Untestable.Count);
            html.Append("</tr>\n");
        }
        html.Append("</tbody><tfoot><tr data-coverage-clause=\"total\"><th>All clauses in scope</th>");
        CoverageCells(html, coverage.Clauses.Sum(clause => clause.Statements), coverage.TestableMandatory, coverage.Covered,
            coverage.TestableMandatory == 0 ? null : coverage.Percentage, coverage.Untestable);
        html.Append("</tr></tfoot></table>\n");

        RequirementList(html, "uncovered", "Uncovered testable MUST statements", coverage.Clauses,
            clause => clause.Uncovered.Select(requirement => (requirement.Id, requirement.Level, requirement.Summary)).ToList());
        RequirementList(html, "untestable", "MUST statements judged untestable" + (coverage.Untestable == 0 ? "" : $" ({DescribeUntestable(coverage)})"), coverage.Clauses,
            clause => clause.Untestable.Select(requirement => (requirement.Id, requirement.Level, $"{requirement.Summary} [{requirement.Reason}]")).ToList());
        if (coverage.UnknownCitations.Count > 0)
        {
            html.Append("<p class=\"unknown-citations\">Cited by a scenario but not in the catalog: ").Append(Encode(string.Join(", ", coverage.UnknownCitations))).Append("</p>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>A folded list of statements per clause (id, level, text): the uncovered ones, or those judged untestable with their reasons.</summary>
    private static void RequirementList(StringBuilder html, string kind, string heading, IReadOnlyList<ClauseCoverageRow> clauses,
        Func<ClauseCoverageRow, IReadOnlyList<(string Id, string Level, string Text)>> select)
    {
        var listed = clauses.Select(clause => (Clause: clause, Items: select(clause))).Where(entry => entry.Items.Count > 0).ToList();
        html.Append("<details id=\"").Append(kind).Append("\"><summary>").Append(Encode(heading)).Append(" (").Append(listed.Sum(entry => entry.Items.Count))
            .Append(") in ").Append(listed.Count).Append(" clause(s)</summary>\n");
        foreach (var (clause, items) in listed)
        {
            html.Append("<h4>").Append(Encode(clause.Clause)).Append(" <span class=\"title\">").Append(Encode(clause.Title)).Append("</span> (")
                .Append(items.Count).Append(")</h4><ul class=\"").Append(kind).Append("\" data-clause=\"").Append(Encode(clause.Clause)).Append("\">");
            foreach (var (id, level, text) in items)
            {
                html.Append("<li><code>").Append(Encode(id)).Append("</code> ").Append(Encode(level)).Append(": ").Append(Encode(text)).Append("</li>");
            }
            html.Append("</ul>\n");
        }
        html.Append("</details>\n");
    }

    private static void CoverageCells(StringBuilder html, int statements, int testable, int covered, double? percentage, int untestable) =>
        html.Append("<td class=\"statements\">").Append(statements).Append("</td><td class=\"testable\">").Append(testable)
            .Append("</td><td class=\"covered\">").Append(covered).Append("</td><td class=\"percent ")
            .Append(percentage switch { null => "empty", 100 => "all-passed", 0 => "has-failures", _ => "partial" }).Append("\">")
            .Append(percentage is { } value ? Percent(value) : "&ndash;").Append("</td><td class=\"untestable\">").Append(untestable).Append("</td>");

    private static string Percent(double percentage) => percentage.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void Deviations(StringBuilder html, ConformanceReport report)
    {
        html.Append("<section id=\"expectations\"><h2>Against expectations</h2>\n");
        foreach (var target in report.Targets)
        {
            var label = target.Identity.Label;
            html.Append("<div class=\"diff\" data-target=\"").Append(Encode(label)).Append("\"><h3>").Append(Encode(label)).Append("</h3>");
            if (target.Comparison is not { } comparison)
            {
                html.Append("<p class=\"none\">No expectations file for this target.</p></div>\n");
                continue;
            }
            html.Append("<p>Compared with <code>").Append(Encode(target.Expectations ?? "")).Append("</code>: ")
                .Append(comparison.Matches ? "every verdict is as expected." : $"{comparison.Deviations.Count} verdict(s) differ.").Append("</p>");
            DeviationList(html, label, "new-failures", "New failures", comparison.UnexpectedFailures);
            DeviationList(html, label, "newly-passing", "Newly passing", comparison.UnexpectedPasses);
            DeviationList(html, label, "newly-inconclusive", "Newly inconclusive", comparison.UnexpectedInconclusives);
            if (comparison.NotRun.Count > 0)
            {
                html.Append("<p class=\"not-run\">Listed but not run: ").Append(Encode(string.Join(", ", comparison.NotRun))).Append("</p>");
            }
            html.Append("</div>\n");
        }
        html.Append("</section>\n");
    }

    private static void DeviationList(StringBuilder html, string label, string kind, string heading, IEnumerable<Deviation> deviations)
    {
        var list = deviations.ToList();
        if (list.Count == 0)
        {
            return;
        }
        html.Append("<h4>").Append(heading).Append(" (").Append(list.Count).Append(")</h4><ul class=\"").Append(kind).Append("\">");
        foreach (var deviation in list)
        {
            html.Append("<li><a href=\"#").Append(ScenarioAnchor(label, deviation.ScenarioId)).Append("\">").Append(Encode(deviation.ScenarioId)).Append("</a>: expected ")
                .Append(Name(deviation.Expected)).Append(", got ").Append(Name(deviation.Actual));
            if (deviation.Reason.Length > 0 || deviation.Link.Length > 0)
            {
                html.Append(" <small>(").Append(Encode(deviation.Reason)).Append(deviation.Link.Length > 0 ? " " + Encode(deviation.Link) : "").Append(")</small>");
            }
            if (deviation.Message is { Length: > 0 } message)
            {
                html.Append("<br><small class=\"message\">").Append(Encode(message)).Append("</small>");
            }
            html.Append("</li>");
        }
        html.Append("</ul>");
    }

    private static void Scenarios(StringBuilder html, ConformanceReport report)
    {
        html.Append("<section id=\"scenarios\"><h2>Scenarios</h2>\n<p class=\"filter\"><label>Filter <input id=\"filter\" type=\"search\" placeholder=\"id, clause, title\"></label> ")
            .Append("<label>Verdict <select id=\"verdict\"><option value=\"\">any</option><option>passed</option><option>failed</option><option>broken</option><option>inconclusive</option></select></label> ")
            .Append("<button id=\"open-failed\" type=\"button\">Open every failure</button></p>\n");
        foreach (var target in report.Targets)
        {
            var label = target.Identity.Label;
            html.Append("<h3>").Append(Encode(label)).Append("</h3>\n");
            foreach (var result in target.Scenarios)
            {
                Scenario(html, label, result);
            }
        }
        html.Append("</section>\n");
    }

    private static void Scenario(StringBuilder html, string label, ScenarioResult result)
    {
        var verdict = Name(result.Verdict);
        html.Append("<details class=\"scenario v-").Append(verdict).Append("\" id=\"").Append(ScenarioAnchor(label, result.Id))
            .Append("\" data-target=\"").Append(Encode(label)).Append("\" data-verdict=\"").Append(verdict).Append("\" data-search=\"")
            .Append(Encode($"{result.Id} {string.Join(' ', result.Clauses)} {string.Join(' ', result.Requirements)} {result.Title}".ToLowerInvariant()))
            .Append("\"><summary><span class=\"verdict\">").Append(verdict).Append("</span> <code>").Append(Encode(result.Id)).Append("</code> ")
            .Append(Encode(result.Title)).Append("</summary>\n<dl>")
            .Append("<dt>Clauses</dt><dd>").Append(Encode(string.Join(", ", result.Clauses))).Append("</dd>");
        if (result.Requirements.Count > 0)
        {
            html.Append("<dt>Requirements</dt><dd>").Append(Encode(string.Join(", ", result.Requirements))).Append("</dd>");
        }
        html.Append("<dt>Dialect</dt><dd>").Append(Encode(result.Dialect ?? "none negotiated")).Append("</dd>")
            .Append("<dt>Ran</dt><dd>").Append(Encode(result.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)))
            .Append(", ").Append(result.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)).Append(" ms</dd></dl>\n");
        if (result.Failure is { } failure)
        {
            html.Append("<table class=\"failure\"><tr><th>Clause</th><td>MS-SMB2 ").Append(Encode(failure.Clause))
                .Append(failure.Requirement is null ? "" : $" [{Encode(failure.Requirement)}]").Append("</td></tr>")
                .Append("<tr><th>Check</th><td>").Append(Encode(failure.Subject)).Append("</td></tr>")
                .Append("<tr><th>Expected</th><td class=\"expected\">").Append(Encode(failure.Expected)).Append("</td></tr>")
                .Append("<tr><th>Actual</th><td class=\"actual\">").Append(Encode(failure.Actual)).Append("</td></tr></table>\n");
        }
        else if (result.Message is { Length: > 0 } message)
        {
            html.Append("<pre class=\"message\">").Append(Encode(message)).Append("</pre>\n");
        }
        if (result.Trace is { Length: > 0 } trace)
        {
            html.Append("<details><summary>Stack trace</summary><pre class=\"trace\">").Append(Encode(trace)).Append("</pre></details>\n");
        }
        if (result.Observations.Count > 0)
        {
            html.Append("<p>Observed:</p><ul class=\"observations\">");
            foreach (var observation in result.Observations)
            {
                html.Append("<li>").Append(Encode(observation)).Append("</li>");
            }
            html.Append("</ul>\n");
        }
        foreach (var connection in result.Connections)
        {
            html.Append("<div class=\"connection\"><h4>Connection ").Append(connection.Number).Append(" <small>").Append(Encode(connection.Description))
                .Append("</small></h4><pre class=\"frames\">").Append(Encode(FrameText.Lines(connection))).Append("</pre>")
                .Append("<details><summary>Bytes</summary><pre class=\"hex\">").Append(Encode(FrameText.Hex(connection))).Append("</pre></details></div>\n");
        }
        html.Append("</details>\n");
    }

    private static void Counts(StringBuilder html, string label, VerdictCounts counts, string cssClass)
    {
        html.Append("<td class=\"").Append(cssClass).Append(' ').Append(CellClass(counts)).Append('"');
        DataCounts(html, label, counts);
        html.Append('>');
        CountsText(html, counts);
        html.Append("</td>");
    }

    private static void DataCounts(StringBuilder html, string label, VerdictCounts counts) =>
        html.Append(" data-target=\"").Append(Encode(label)).Append("\" data-passed=\"").Append(counts.Passed).Append("\" data-failed=\"").Append(counts.Failed)
            .Append("\" data-broken=\"").Append(counts.Broken).Append("\" data-inconclusive=\"").Append(counts.Inconclusive).Append('"');

    private static void CountsText(StringBuilder html, VerdictCounts counts)
    {
        if (counts.Total == 0)
        {
            html.Append("<span class=\"n none\">&ndash;</span>");
            return;
        }
        var parts = new[] { (counts.Passed, "passed"), (counts.Failed, "failed"), (counts.Broken, "broken"), (counts.Inconclusive, "inconclusive") };
        html.Append(string.Join(" ", parts.Where(part => part.Item1 > 0).Select(part => $"<span class=\"n {part.Item2}\">{part.Item1} {part.Item2}</span>")));
    }

    private static string CellClass(VerdictCounts counts) => counts switch
    {
        { Total: 0 } => "empty",
        { Failed: > 0 } or { Broken: > 0 } => "has-failures",
        { Passed: 0 } => "all-inconclusive",
        _ => "all-passed",
    };

    private static string Name(Verdict verdict) => ExpectationsFile.Name(verdict);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d1d1f; }
        h1 { margin-bottom: 0.2em; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
        th, td { border: 1px solid #d0d0d8; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        thead th { background: #eef0f5; }
        .n { white-space: nowrap; margin-right: 0.4em; }
        .n.passed { color: #17692e; } .n.failed, .n.broken { color: #b3261e; font-weight: bold; } .n.inconclusive { color: #8a6d00; }
        td.all-passed { background: #eaf7ee; } td.has-failures { background: #fdecea; } td.all-inconclusive { background: #fdf7e3; }
        ul.links { margin: 0.2em 0 0; padding-left: 1.1em; font-size: 12px; }
        a.v-failed, a.v-broken { color: #b3261e; } a.v-passed { color: #17692e; } a.v-inconclusive { color: #8a6d00; }
        .title { color: #555; }
        details.scenario { border: 1px solid #d0d0d8; border-left-width: 6px; margin: 0.3em 0; padding: 0.3em 0.6em; }
        details.scenario.v-passed { border-left-color: #2e9e4f; } details.scenario.v-failed, details.scenario.v-broken { border-left-color: #d93025; }
        details.scenario.v-inconclusive { border-left-color: #e0b000; }
        .verdict { display: inline-block; min-width: 7em; font-weight: bold; text-transform: uppercase; font-size: 12px; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
        dt { font-weight: bold; } dd { margin: 0; }
        pre { background: #f6f7f9; padding: 0.5em; overflow-x: auto; font-size: 12px; }
        table.failure td.expected { color: #17692e; } table.failure td.actual { color: #b3261e; }
        .hidden { display: none; }
        #coverage-table td { text-align: right; } td.partial { background: #fdf7e3; }
        ul.uncovered, ul.untestable { font-size: 13px; } #uncovered > summary, #untestable > summary { cursor: pointer; font-weight: bold; }
        """;

    private const string Script = """
        (function () {
          function openTarget() {
            var id = decodeURIComponent(location.hash.slice(1));
            var target = id && document.getElementById(id);
            if (target && target.tagName === 'DETAILS') { target.open = true; target.scrollIntoView(); }
          }
          window.addEventListener('hashchange', openTarget);
          openTarget();
          var filter = document.getElementById('filter');
          var verdict = document.getElementById('verdict');
          function apply() {
            var text = filter.value.trim().toLowerCase();
            document.querySelectorAll('details.scenario').forEach(function (item) {
              var show = (!text || item.dataset.search.indexOf(text) >= 0) && (!verdict.value || item.dataset.verdict === verdict.value);
              item.classList.toggle('hidden', !show);
            });
          }
          filter.addEventListener('input', apply);
          verdict.addEventListener('change', apply);
          document.getElementById('open-failed').addEventListener('click', function () {
            document.querySelectorAll('details.scenario.v-failed, details.scenario.v-broken').forEach(function (item) { item.open = true; });
          });
        })();
        """;
}
