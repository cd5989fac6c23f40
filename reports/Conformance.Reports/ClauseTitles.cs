namespace Conformance.Reports;

/// <summary>
/// The title of every MS-SMB2 clause (Scenarios/requirements/clauses.tsv, embedded: clause, title, source),
/// for clauses a run file does not name itself.
/// </summary>
public static class ClauseTitles
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Titles = new(Load);

    public static IReadOnlyDictionary<string, string> All => Titles.Value;

    public static string Of(string clause) => All.TryGetValue(clause, out var title) ? title : "";

    /// <summary>Reads "clause TAB title [TAB ...]" lines after a header line.</summary>
    public static IReadOnlyDictionary<string, string> Parse(TextReader reader)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            if (fields.Length >= 2 && fields[0].Length > 0)
            {
                titles[fields[0]] = fields[1];
            }
        }
        return titles;
    }

    /// <summary>Orders clause numbers as the specification does: 2.2.3.1 before 2.2.10, 3.3.5 before 3.3.5.4.</summary>
    public static int Compare(string? left, string? right)
    {
        var a = (left ?? "").Split('.');
        var b = (right ?? "").Split('.');
        for (var index = 0; index < Math.Min(a.Length, b.Length); index++)
        {
            var order = int.TryParse(a[index], out var x) && int.TryParse(b[index], out var y) ? x.CompareTo(y) : string.CompareOrdinal(a[index], b[index]);
            if (order != 0)
            {
                return order;
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        using var stream = typeof(ClauseTitles).Assembly.GetManifestResourceStream("Conformance.Reports.clauses.tsv")
            ?? throw new InvalidOperationException("the clause titles resource is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
