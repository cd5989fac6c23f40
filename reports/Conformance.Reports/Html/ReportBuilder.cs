using Conformance.Reports.Expectations;
using Conformance.Reports.Model;
using Conformance.Scenarios.Requirements;

namespace Conformance.Reports.Html;

/// <summary>
/// Builds the report from merged runs and, per target label, an optional expectations file. Requirement
/// coverage comes from the catalog (by default the one shipped with the scenarios, over
/// <see cref="RequirementScope.AllClauses"/>) and the requirement ids the reported results cite.
/// </summary>
public static class ReportBuilder
{
    public static ConformanceReport Build(RunSet runs, IReadOnlyDictionary<string, string> expectationFiles, DateTimeOffset generated) =>
        Build(runs, expectationFiles, generated, RequirementCatalog.Default, RequirementScope.AllClauses);

    public static ConformanceReport Build(RunSet runs, IReadOnlyDictionary<string, string> expectationFiles, DateTimeOffset generated,
        RequirementCatalog catalog, IReadOnlyList<string> scope)
    {
        var targets = runs.Targets.Select(target =>
        {
            var results = target.Scenarios.ToList();
            ExpectationComparison? comparison = null;
            expectationFiles.TryGetValue(target.Label, out var file);
            if (file is not null)
            {
                comparison = ExpectationComparison.Compare(results, ExpectationsFile.Read(file));
            }
            return new TargetReport(target.Identity, target.RunCount, VerdictCounts.Of(results), results, file, comparison);
        }).ToList();

        var families = targets.SelectMany(target => target.Scenarios).Select(result => result.Family).Distinct().Order(StringComparer.Ordinal)
            .Select(family => new FamilyRow(family, targets.ToDictionary(
                target => target.Identity.Label,
                target => VerdictCounts.Of(target.Scenarios.Where(result => result.Family == family)))))
            .ToList();

        var clauses = targets.SelectMany(target => target.Scenarios).SelectMany(result => result.Clauses).Distinct()
            .Order(Comparer<string>.Create(ClauseTitles.Compare))
            .Select(clause => new ClauseRow(clause, Title(runs, clause), targets.ToDictionary(
                target => target.Identity.Label,
                target =>
                {
                    var citing = target.Scenarios.Where(result => result.Clauses.Contains(clause)).ToList();
                    return new ClauseCell(VerdictCounts.Of(citing), citing.Select(result => result.Id).ToList());
                })))
            .ToList();

        var coverage = CoverageReport.Compute(catalog, scope, targets.SelectMany(target => target.Scenarios).SelectMany(result => result.Requirements));

        return new ConformanceReport(generated, targets, families, clauses, coverage);
    }

    private static string Title(RunSet runs, string clause) =>
        runs.ClauseTitles.TryGetValue(clause, out var title) && title.Length > 0 ? title : ClauseTitles.Of(clause);
}
