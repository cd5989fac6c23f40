using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Scenarios.Requirements;

/// <summary>
/// The requirement catalog (Scenarios/requirements/requirements.tsv) and the clause titles
/// (clauses.tsv), both embedded in this assembly. Rows that cannot be read are kept as problems, so
/// that <see cref="Validate"/> reports every fault at once instead of the first one throwing.
/// </summary>
public sealed partial class RequirementCatalog
{
    private const string ResourcePrefix = "Conformance.Scenarios.Requirements.";
    private static readonly Lazy<RequirementCatalog> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, Requirement> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Requirement>> byClause = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> clauseTitles = new(StringComparer.Ordinal);
    private readonly List<Requirement> requirements = [];
    private readonly List<string> readProblems = [];

    private RequirementCatalog()
    {
    }

    /// <summary>The catalog shipped with the suite.</summary>
    public static RequirementCatalog Default => Embedded.Value;

    /// <summary>Every requirement, in file order.</summary>
    public IReadOnlyList<Requirement> All => requirements;

    /// <summary>Clause number to title, for every clause of MS-SMB2.txt and the current-only ones we cite.</summary>
    public IReadOnlyDictionary<string, string> ClauseTitles => clauseTitles;

    public Requirement? Find(string id) => byId.GetValueOrDefault(id);

    public Requirement Get(string id) =>
        Find(id) ?? throw new KeyNotFoundException($"requirement {id} is not in the catalog");

    /// <summary>The requirements of one clause: the base statements in order, then the current-spec additions.</summary>
    public IReadOnlyList<Requirement> ForClause(string clause) =>
        byClause.TryGetValue(clause, out var list) ? list : [];

    public string? ClauseTitle(string clause) => clauseTitles.GetValueOrDefault(clause);

    /// <summary>Parses the two tab-separated files (each with its header line).</summary>
    public static RequirementCatalog Parse(string requirementsTsv, string clausesTsv)
    {
        var catalog = new RequirementCatalog();
        catalog.ReadClauses(clausesTsv);
        catalog.ReadRequirements(requirementsTsv);
        return catalog;
    }

    /// <summary>Every fault of the catalog: unreadable rows, duplicate or malformed ids, ids that do not
    /// match their clause, unknown clauses, ordinals out of sequence, sources and lines that disagree,
    /// untestable statements without a reason of the vocabulary, supersessions naming no testable statement.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(readProblems);
        foreach (var requirement in requirements)
        {
            var match = IdPattern().Match(requirement.Id);
            if (!match.Success)
            {
                problems.Add($"{requirement.Id}: an id is <clause>#NN or <clause>#Nnn");
                continue;
            }
            if (match.Groups["clause"].Value != requirement.Clause)
            {
                problems.Add($"{requirement.Id}: the id names clause {match.Groups["clause"].Value}, the row says {requirement.Clause}");
            }
            if (!clauseTitles.ContainsKey(requirement.Clause))
            {
                problems.Add($"{requirement.Id}: clause {requirement.Clause} is not in clauses.tsv");
            }
            var current = match.Groups["current"].Success;
            if (current != requirement.IsFromCurrentSpecification)
            {
                problems.Add($"{requirement.Id}: an N ordinal marks exactly the statements whose source starts with \"{Requirement.CurrentSourcePrefix}\"");
            }
            if (!current && requirement.Source != Requirement.BaseSource)
            {
                problems.Add($"{requirement.Id}: source is \"{Requirement.BaseSource}\" or \"{Requirement.CurrentSourcePrefix}<page title>\", not \"{requirement.Source}\"");
            }
            if (current ? requirement.Line is not null : requirement.Line is null or <= 0)
            {
                problems.Add($"{requirement.Id}: a line number is given exactly for statements of {Requirement.BaseSource}");
            }
            if (string.IsNullOrWhiteSpace(requirement.Summary))
            {
                problems.Add($"{requirement.Id}: the summary is empty");
            }
            if (requirement.Reason?.SupersedingId is { } superseding)
            {
                var replacement = Find(superseding);
                if (replacement is null)
                {
                    problems.Add($"{requirement.Id}: superseded by {superseding}, which the catalog does not hold");
                }
                else if (!replacement.Testable)
                {
                    problems.Add($"{requirement.Id}: superseded by {superseding}, which is itself marked untestable");
                }
            }
        }
        foreach (var (clause, list) in byClause)
        {
            CheckOrdinals(problems, clause, list.Where(requirement => !requirement.IsFromCurrentSpecification).ToList(), "");
            CheckOrdinals(problems, clause, list.Where(requirement => requirement.IsFromCurrentSpecification).ToList(), "N");
            var lines = list.Where(requirement => requirement.Line is not null).Select(requirement => requirement.Line!.Value).ToList();
            if (!lines.SequenceEqual(lines.Order()))
            {
                problems.Add($"{clause}: the statements' line numbers do not follow the ordinals");
            }
        }
        return problems;
    }

    /// <summary>
    /// Statements marked "superseded by &lt;id&gt;" whose replacement no scenario cites, as "id: superseded by
    /// replacement": the replaced statement is left uncounted only because the newer one is proven.
    /// </summary>
    public IReadOnlyList<string> UncitedSupersessions(IEnumerable<ScenarioDescriptor> scenarios)
    {
        var cited = scenarios.SelectMany(scenario => scenario.Requirements).ToHashSet(StringComparer.Ordinal);
        return requirements.Where(requirement => requirement.Reason?.SupersedingId is { } superseding && !cited.Contains(superseding))
            .Select(requirement => $"{requirement.Id}: superseded by {requirement.Reason!.SupersedingId}, which no scenario cites").ToList();
    }

    /// <summary>Requirement ids cited by scenarios that the catalog does not hold, as "scenario: id".</summary>
    public IReadOnlyList<string> UnknownCitations(IEnumerable<ScenarioDescriptor> scenarios) =>
        scenarios.SelectMany(scenario => scenario.Requirements.Where(id => !byId.ContainsKey(id)).Select(id => $"{scenario.Id}: {id}")).ToList();

    /// <summary>Ordinals run 01, 02, … in file order; a clause in scope only in part lists exactly its <see cref="RequirementScope.PartialClauses"/>.</summary>
    private static void CheckOrdinals(List<string> problems, string clause, List<Requirement> list, string prefix)
    {
        var partial = prefix.Length == 0 ? RequirementScope.PartialClauses.GetValueOrDefault(clause) : null;
        if (partial is not null && list.Count != partial.Count)
        {
            problems.Add($"{clause}: in scope are statements {string.Join(", ", partial)}, the catalog holds {list.Count} of its base statements");
            return;
        }
        for (var index = 0; index < list.Count; index++)
        {
            var expected = $"{clause}#{prefix}{partial?[index] ?? index + 1:00}";
            if (list[index].Id != expected)
            {
                problems.Add($"{clause}: statement {index + 1} of its {(prefix.Length == 0 ? "base" : "current-spec")} statements is {list[index].Id}, expected {expected}");
                return;
            }
        }
    }

    private void ReadClauses(string tsv)
    {
        foreach (var (number, fields) in Rows(tsv, "clauses.tsv", ["clause", "title", "source"]))
        {
            if (!clauseTitles.TryAdd(fields[0], fields[1]))
            {
                readProblems.Add($"clauses.tsv line {number}: clause {fields[0]} appears twice");
            }
        }
    }

    private void ReadRequirements(string tsv)
    {
        foreach (var (number, fields) in Rows(tsv, "requirements.tsv", ["id", "clause", "level", "testable", "reason", "summary", "source", "line"]))
        {
            var where = $"requirements.tsv line {number}";
            if (!RequirementLevels.TryParse(fields[2], out var level))
            {
                readProblems.Add($"{where}: level \"{fields[2]}\" is not MUST, MUST NOT, SHOULD, SHOULD NOT or MAY");
                continue;
            }
            if (fields[3] is not ("yes" or "no"))
            {
                readProblems.Add($"{where}: testable is \"yes\" or \"no\", not \"{fields[3]}\"");
                continue;
            }
            var testable = fields[3] == "yes";
            UntestableReason? reason = null;
            if (testable && fields[4].Length > 0)
            {
                readProblems.Add($"{where}: {fields[0]} is testable and takes no reason (\"{fields[4]}\")");
            }
            else if (!testable && !UntestableReason.TryParse(fields[4], out reason, out var problem))
            {
                readProblems.Add($"{where}: {fields[0]} is marked untestable: {problem}");
            }
            int? line = null;
            if (fields[7].Length > 0)
            {
                if (!int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    readProblems.Add($"{where}: line \"{fields[7]}\" is not a number");
                    continue;
                }
                line = parsed;
            }
            var requirement = new Requirement(fields[0], fields[1], level, testable, reason, fields[5], fields[6], line);
            if (!byId.TryAdd(requirement.Id, requirement))
            {
                readProblems.Add($"{where}: id {requirement.Id} appears twice");
                continue;
            }
            requirements.Add(requirement);
            if (!byClause.TryGetValue(requirement.Clause, out var list))
            {
                byClause[requirement.Clause] = list = [];
            }
            list.Add(requirement);
        }
    }

    private IEnumerable<(int Number, string[] Fields)> Rows(string tsv, string file, string[] header)
    {
        var lines = tsv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0] != string.Join('\t', header))
        {
            readProblems.Add($"{file}: the first line is the header \"{string.Join("\\t", header)}\"");
            yield break;
        }
        for (var index = 1; index < lines.Length; index++)
        {
            if (lines[index].Length == 0)
            {
                continue;
            }
            var fields = lines[index].Split('\t');
            if (fields.Length != header.Length)
            {
                readProblems.Add($"{file} line {index + 1}: {fields.Length} fields, expected {header.Length}");
                continue;
            }
            yield return (index + 1, fields);
        }
    }

    private static RequirementCatalog LoadEmbedded() =>
        Parse(ReadResource("requirements.tsv"), ReadResource("clauses.tsv"));

    private static string ReadResource(string name)
    {
        using var stream = typeof(RequirementCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"the resource {ResourcePrefix + name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<clause>\d+(\.\d+)*)#(?<current>N)?\d{2}$")]
    private static partial Regex IdPattern();
}
