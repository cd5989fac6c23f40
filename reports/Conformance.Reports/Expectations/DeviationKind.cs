namespace Conformance.Reports.Expectations;

/// <summary>How a scenario's verdict differs from its expectation.</summary>
public enum DeviationKind
{
    /// <summary>Failed or broken where another verdict was expected: a new failure.</summary>
    UnexpectedFailure,

    /// <summary>Passed where a failure (or inconclusive) was expected: newly passing, the expectation is stale.</summary>
    UnexpectedPass,

    /// <summary>Inconclusive where a verdict was expected: the target no longer offers what the scenario needs.</summary>
    UnexpectedInconclusive,
}
