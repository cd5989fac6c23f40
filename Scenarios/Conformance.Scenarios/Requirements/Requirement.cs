namespace Conformance.Scenarios.Requirements;

/// <summary>
/// One normative statement of MS-SMB2. <see cref="Id"/> is "&lt;clause&gt;#NN" for the NN-th statement of
/// the clause in the 2.0.2-3.0.2 text, or "&lt;clause&gt;#Nnn" for a statement the current MS-SMB2 adds
/// (3.1.1); see Scenarios/requirements/README.md.
/// </summary>
/// <param name="Testable">Whether a client can tell from what it receives whether the server honours it (README "testable").</param>
/// <param name="Reason">Why it is not testable; null exactly when <paramref name="Testable"/>.</param>
/// <param name="Summary">What the statement demands, in our own words.</param>
/// <param name="Source">"MS-SMB2.txt", or "current MS-SMB2: &lt;page title&gt;".</param>
/// <param name="Line">The line of MS-SMB2.txt the statement starts on; null for current-spec statements.</param>
public sealed record Requirement(string Id, string Clause, RequirementLevel Level, bool Testable, UntestableReason? Reason, string Summary, string Source, int? Line)
{
    public const string BaseSource = "MS-SMB2.txt";
    public const string CurrentSourcePrefix = "current MS-SMB2: ";

    /// <summary>The statement comes from the current MS-SMB2 (3.1.1 additions), not from MS-SMB2.txt.</summary>
    public bool IsFromCurrentSpecification => Source.StartsWith(CurrentSourcePrefix, StringComparison.Ordinal);

    public override string ToString() => $"{Id} {Level.ToKeyword()}: {Summary}";
}
