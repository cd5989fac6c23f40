namespace Conformance.TestSuite.Results;

/// <summary>
/// The level (MUST, SHOULD, MAY) of each requirement id, from requirements/requirements.tsv beside the
/// suite when the requirements table exists (columns found by their header names "id" and "level").
/// Gives the Allure severity of a scenario: critical for a MUST, normal for a SHOULD, minor for a MAY,
/// the strongest of its requirements; "normal" when no level is known.
/// </summary>
public static class RequirementLevels
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Levels = new(() =>
        Load(Path.Combine(AppContext.BaseDirectory, "requirements", "requirements.tsv")));

    public static string Severity(IEnumerable<string> requirements) => Severity(requirements, Levels.Value);

    public static string Severity(IEnumerable<string> requirements, IReadOnlyDictionary<string, string> levels)
    {
        var known = requirements.Select(requirement => levels.GetValueOrDefault(requirement)?.ToUpperInvariant()).ToList();
        return known.Contains("MUST") || known.Contains("MUST NOT") ? "critical"
            : known.Contains("SHOULD") || known.Contains("SHOULD NOT") ? "normal"
            : known.Contains("MAY") ? "minor"
            : "normal";
    }

    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        var levels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return levels;
        }
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext())
        {
            return levels;
        }
        var header = lines.Current.Split('\t').Select(name => name.Trim().ToLowerInvariant()).ToList();
        var id = header.IndexOf("id");
        var level = header.IndexOf("level");
        if (id < 0 || level < 0)
        {
            return levels;
        }
        while (lines.MoveNext())
        {
            var fields = lines.Current.Split('\t');
            if (fields.Length > Math.Max(id, level))
            {
                levels[fields[id]] = fields[level].Trim();
            }
        }
        return levels;
    }
}
