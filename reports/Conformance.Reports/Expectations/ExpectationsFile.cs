using System.Text;
using Conformance.Reports.Model;

namespace Conformance.Reports.Expectations;

/// <summary>
/// A target's expectations, one TSV line per scenario: <c>scenario TAB expected TAB reason TAB link</c>,
/// expected being passed, failed, broken or inconclusive. Lines starting with '#' and blank lines are
/// comments; the first non-comment line is the header. A scenario the file does not list is expected to pass.
/// </summary>
public static class ExpectationsFile
{
    public const string Header = "scenario\texpected\treason\tlink";

    public static IReadOnlyDictionary<string, Expectation> Read(string path)
    {
        var expectations = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        var lineNumber = 0;
        var headerSeen = false;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (!headerSeen)
            {
                headerSeen = true;
                if (line.StartsWith("scenario\t", StringComparison.Ordinal))
                {
                    continue;
                }
            }
            var fields = line.Split('\t');
            if (fields.Length < 2 || !TryParseVerdict(fields[1], out var verdict))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'scenario<TAB>passed|failed|broken|inconclusive<TAB>reason<TAB>link', got '{line}'");
            }
            if (!expectations.TryAdd(fields[0], new Expectation(fields[0], verdict, fields.ElementAtOrDefault(2) ?? "", fields.ElementAtOrDefault(3) ?? "")))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: scenario {fields[0]} is listed twice");
            }
        }
        return expectations;
    }

    public static void Write(string path, string target, IEnumerable<Expectation> expectations)
    {
        var text = new StringBuilder();
        text.Append("# Expected verdicts of the SMB2 conformance scenarios on ").Append(target).Append('\n');
        text.Append("# Regenerate: dotnet run --project reports/Conformance.Reports -- expect --out <this file> <run.json>\n");
        text.Append("# (reasons and links of unchanged verdicts are kept; fill in the reason of every verdict other than passed)\n");
        text.Append(Header).Append('\n');
        foreach (var expectation in expectations.OrderBy(expectation => expectation.ScenarioId, StringComparer.Ordinal))
        {
            text.Append(expectation.ScenarioId).Append('\t').Append(Name(expectation.Expected)).Append('\t')
                .Append(Clean(expectation.Reason)).Append('\t').Append(Clean(expectation.Link)).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.ToString());
    }

    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static bool TryParseVerdict(string text, out Verdict verdict) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out verdict) && Enum.IsDefined(verdict) && !int.TryParse(text, out _);

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
