using System.Text.Json.Serialization;
using Conformance.Reports.Model;

namespace Conformance.Reports.Html;

/// <summary>How many scenarios got each verdict.</summary>
public sealed record VerdictCounts(int Passed, int Failed, int Broken, int Inconclusive)
{
    public static VerdictCounts None { get; } = new(0, 0, 0, 0);

    [JsonIgnore]
    public int Total => Passed + Failed + Broken + Inconclusive;

    public static VerdictCounts Of(IEnumerable<ScenarioResult> results)
    {
        var list = results.ToList();
        return new VerdictCounts(
            list.Count(result => result.Verdict == Verdict.Passed),
            list.Count(result => result.Verdict == Verdict.Failed),
            list.Count(result => result.Verdict == Verdict.Broken),
            list.Count(result => result.Verdict == Verdict.Inconclusive));
    }
}
