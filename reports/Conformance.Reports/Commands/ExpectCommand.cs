using Conformance.Reports.Expectations;
using Conformance.Reports.Model;

namespace Conformance.Reports.Commands;

/// <summary>
/// expect: the target's expectations from its run — every scenario with the verdict it got. An
/// existing file's reason and link are kept where the verdict did not change, and its lines for
/// scenarios this run did not include are kept as they are.
/// </summary>
public static class ExpectCommand
{
    public static int Run(CommandLine arguments, TextWriter output)
    {
        var path = arguments.Required("--out");
        var target = arguments.SingleTarget();
        var previous = File.Exists(path) ? ExpectationsFile.Read(path) : new Dictionary<string, Expectation>();

        var expectations = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        foreach (var result in target.Scenarios)
        {
            expectations[result.Id] = previous.TryGetValue(result.Id, out var kept) && kept.Expected == result.Verdict
                ? kept
                : new Expectation(result.Id, result.Verdict, "", "");
        }
        var keptUnrun = previous.Values.Where(expectation => !expectations.ContainsKey(expectation.ScenarioId)).ToList();
        foreach (var expectation in keptUnrun)
        {
            expectations[expectation.ScenarioId] = expectation;
        }
        ExpectationsFile.Write(path, target.Label, expectations.Values);

        var toExplain = expectations.Values.Where(expectation => expectation.Expected != Verdict.Passed && expectation.Reason.Length == 0).ToList();
        output.WriteLine($"wrote {path}: {expectations.Count} scenario(s) of {target.Label}, {expectations.Values.Count(expectation => expectation.Expected == Verdict.Passed)} expected to pass");
        if (keptUnrun.Count > 0)
        {
            output.WriteLine($"  kept from the previous file (not in this run): {string.Join(", ", keptUnrun.Select(expectation => expectation.ScenarioId))}");
        }
        if (toExplain.Count > 0)
        {
            output.WriteLine($"  fill in the reason of: {string.Join(", ", toExplain.Select(expectation => expectation.ScenarioId))}");
        }
        return 0;
    }
}
