using Conformance.Scenarios.Requirements;

namespace Conformance.TestSuite.Results;

/// <summary>
/// The Allure severity of a scenario from the strongest level among the requirements it proves
/// (requirement catalog): critical for MUST / MUST NOT, normal for SHOULD / SHOULD NOT, minor for MAY;
/// normal when it cites none.
/// </summary>
public static class AllureSeverity
{
    public static string Of(IEnumerable<string> requirements, RequirementCatalog? catalog = null)
    {
        catalog ??= RequirementCatalog.Default;
        var levels = requirements.Select(id => catalog.Find(id)?.Level).OfType<RequirementLevel>().ToList();
        return levels.Any(level => level is RequirementLevel.Must or RequirementLevel.MustNot) ? "critical"
            : levels.Any(level => level is RequirementLevel.Should or RequirementLevel.ShouldNot) ? "normal"
            : levels.Contains(RequirementLevel.May) ? "minor"
            : "normal";
    }
}
