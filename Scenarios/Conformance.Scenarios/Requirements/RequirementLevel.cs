namespace Conformance.Scenarios.Requirements;

/// <summary>The normative keyword of a statement (RFC 2119 as MS-SMB2 uses it).</summary>
public enum RequirementLevel
{
    Must,
    MustNot,
    Should,
    ShouldNot,
    May,
}

public static class RequirementLevels
{
    /// <summary>The keyword as the spec writes it ("MUST NOT").</summary>
    public static string ToKeyword(this RequirementLevel level) => level switch
    {
        RequirementLevel.Must => "MUST",
        RequirementLevel.MustNot => "MUST NOT",
        RequirementLevel.Should => "SHOULD",
        RequirementLevel.ShouldNot => "SHOULD NOT",
        RequirementLevel.May => "MAY",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParse(string keyword, out RequirementLevel level)
    {
        foreach (var candidate in Enum.GetValues<RequirementLevel>())
        {
            if (candidate.ToKeyword() == keyword)
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }

    /// <summary>MUST and MUST NOT: what a conforming server cannot do otherwise.</summary>
    public static bool IsMandatory(this RequirementLevel level) => level is RequirementLevel.Must or RequirementLevel.MustNot;
}
